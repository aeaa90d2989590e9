# One image recipe for every runnable module: docker build --build-arg MODULE=order-service .
# (broker, order-service, payment-service, shipping-service, email-worker, home-hub, device-simulator).
# No configuration is baked in: every setting comes from the environment at run time (docker-compose.yml).

# Stage 1: build the module and the modules it needs with the Maven Wrapper, tests skipped (CI runs them).
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# The BuildKit cache keeps ~/.m2 between builds, so a second module does not download Maven Central again.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" || { echo "build with --build-arg MODULE=<module>" >&2; exit 1; }; \
    ./mvnw -B -q -ntp -pl "$MODULE" -am package -DskipTests \
    && case "$MODULE" in \
         broker) jar=broker/target/eventyard-broker-all.jar ;; \
         device-simulator) jar=device-simulator/target/device-simulator-all.jar ;; \
         *) jar="$MODULE/target/$MODULE.jar" ;; \
       esac \
    && cp "$jar" /app.jar

# Stage 2: the JRE only, and a user without privileges. Ubuntu based: it has bash, whose /dev/tcp the
# compose health checks use (curl and wget are not promised in it: newer tags have dropped tools before).
FROM eclipse-temurin:17-jre
RUN groupadd --system eventyard \
    && useradd --system --gid eventyard --home-dir /data --no-create-home eventyard \
    && mkdir -p /app /data && chown eventyard:eventyard /data
COPY --from=build /app.jar /app/app.jar
# /data is where the broker's store and the services' H2 files go (BROKER_DATA_DIR, EVENTYARD_DATA_DIR);
# a new named volume mounted there takes this directory's owner, so the user below may write it.
WORKDIR /data
USER eventyard
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
