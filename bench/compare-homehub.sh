#!/usr/bin/env bash
# The home-hub ingestion benchmark: simulated homes publish readings at increasing rates (device-simulator's
# HomeHubIngestBench) and we measure what home-hub stores per second and the lag from each reading's `ts`
# to home-hub receiving it and to the row being committed. Three runs on the bundled broker:
#   1. broker only: a plain subscriber instead of home-hub (the ceiling the broker sets on this machine),
#   2. home-hub on H2 (its file database, opened by the benchmark too with AUTO_SERVER=TRUE),
#   3. home-hub on PostgreSQL (a database of its own, created and dropped here with psql).
# Prints one Markdown report (for docs/benchmarks.md) and keeps it with every log under OUT_DIR.
#
#   bench/compare-homehub.sh                                  # rates 200,1000,3000,max; 30 s per step
#   bench/compare-homehub.sh --rates 500,2000 --step PT20S    # any HomeHubIngestBench option, for every run
#   TARGETS=h2 bench/compare-homehub.sh                       # only some of broker,h2,postgres
#
# Environment:
#   TARGETS           which runs (default broker,h2,postgres)
#   PGHOST, PGPORT, PGUSER, PGPASSWORD   the PostgreSQL server (default 127.0.0.1, 5432, postgres, none)
#   OUT_DIR           report and logs (default bench/target/compare-homehub)
#   HOMEHUB_JAVA_OPTS JVM options of home-hub (none by default)
#   HOMEHUB_JAR       the home-hub jar to measure (default home-hub/target/home-hub.jar, built if missing)
#
# Every port is a free one (never 1883, 5672, 5432's neighbours or 8085); whatever exits, home-hub and the
# broker are stopped, the temporary directory removed and the PostgreSQL database dropped.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGETS=${TARGETS:-broker,h2,postgres}
OUT_DIR=${OUT_DIR:-$ROOT/bench/target/compare-homehub}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
BROKER_JAR=broker/target/eventyard-broker-all.jar
HOMEHUB_JAR=${HOMEHUB_JAR:-home-hub/target/home-hub.jar}
SIM_JAR=device-simulator/target/device-simulator-all.jar
BENCH_ARGS=("$@")
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac

log() { echo "[compare-homehub] $*" >&2; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
TAKEN=" "
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 10000))
    if [[ $TAKEN != *" $port "* ]] && ! port_in_use "$port"; then TAKEN+="$port "; echo "$port"; return 0; fi
  done
  log "no free port found"; return 1
}

WORK=$(mktemp -d /tmp/compare-homehub.XXXXXX)
PIDS=()
DB=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
  [ -z "$DB" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

stop() { # stops one process this script started
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$1" 2>/dev/null || true
  local kept=() pid
  for pid in "${PIDS[@]}"; do [ "$pid" = "$1" ] || kept+=("$pid"); done
  PIDS=("${kept[@]}")
}

if [ ! -f "$BROKER_JAR" ] || [ ! -f "$HOMEHUB_JAR" ] || [ ! -f "$SIM_JAR" ]; then
  log "building broker, home-hub and device-simulator..."
  ./mvnw -q -B -ntp -DskipTests package -pl broker,home-hub,device-simulator -am
fi
mkdir -p "$OUT_DIR"
REPORT=$OUT_DIR/report.md

AMQP_PORT=$(free_port); MQTT_PORT=$(free_port); BROKER_HTTP=$(free_port)
log "broker on MQTT $MQTT_PORT, AMQP $AMQP_PORT"
BROKER_AMQP_PORT=$AMQP_PORT BROKER_MQTT_PORT=$MQTT_PORT BROKER_HTTP_PORT=$BROKER_HTTP BROKER_MQTT_WS_PORT=-1 \
  BROKER_DATA_DIR=$WORK/broker java -jar "$BROKER_JAR" >"$OUT_DIR/broker.log" 2>&1 &
BROKER_PID=$!; PIDS+=("$BROKER_PID")
for _ in $(seq 1 120); do port_in_use "$MQTT_PORT" && break; sleep 0.5; done
port_in_use "$MQTT_PORT" || { log "the broker did not start, see $OUT_DIR/broker.log"; exit 1; }

bench() { # label, extra options...
  local label=$1; shift
  log "run: $label"
  java -cp "$SIM_JAR" io.eventyard.simulator.bench.HomeHubIngestBench --mqtt-uri "tcp://127.0.0.1:$MQTT_PORT" \
    --label "$label" --markdown "$REPORT.part" --watch "broker=$BROKER_PID" "$@" "${BENCH_ARGS[@]}" \
    2>&1 | tee -a "$OUT_DIR/bench.log" | grep '^|' || true
}

start_homehub() { # name, then environment assignments
  local name=$1; shift
  HOMEHUB_PORT=$(free_port)
  env "$@" MICRONAUT_SERVER_PORT="$HOMEHUB_PORT" MQTT_URI="tcp://127.0.0.1:$MQTT_PORT" \
    MQTT_CLIENT_ID="home-hub-bench-$$-$name" AMQP_URI="amqp://guest:guest@127.0.0.1:$AMQP_PORT/%2F" \
    EVENTYARD_DATA_DIR="$WORK/$name" java ${HOMEHUB_JAVA_OPTS:-} -jar "$HOMEHUB_JAR" >"$OUT_DIR/home-hub-$name.log" 2>&1 &
  HOMEHUB_PID=$!; PIDS+=("$HOMEHUB_PID")
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$HOMEHUB_PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$HOMEHUB_PID" 2>/dev/null || break
    sleep 0.5
  done
  log "home-hub ($name) did not become healthy, see $OUT_DIR/home-hub-$name.log"; return 1
}

rm -f "$REPORT.part"
if [[ ,$TARGETS, == *,broker,* ]]; then
  bench "Broker only: one plain MQTT subscriber on home/+/+ (QoS 1), no parsing, no storage" --broker-only
fi
if [[ ,$TARGETS, == *,h2,* ]]; then
  mkdir -p "$WORK/h2"
  H2_URL="jdbc:h2:file:$WORK/h2/home-hub;AUTO_SERVER=TRUE"
  start_homehub h2 DATASOURCES_DEFAULT_URL="$H2_URL"
  bench "home-hub on H2 (file)" --jdbc-url "$H2_URL" --jdbc-user sa --jdbc-password "" --watch "home-hub=$HOMEHUB_PID"
  stop "$HOMEHUB_PID"
fi
if [[ ,$TARGETS, == *,postgres,* ]]; then
  if psql -q -d postgres -c "SELECT 1" >/dev/null 2>&1; then
    DB="homehub_bench_$$_$RANDOM"
    psql -q -d postgres -c "CREATE DATABASE \"$DB\"" >/dev/null
    PG_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
    start_homehub postgres DATASOURCES_DEFAULT_URL="$PG_URL" DATASOURCES_DEFAULT_USERNAME="$PGUSER" \
      DATASOURCES_DEFAULT_PASSWORD="${PGPASSWORD:-}" DATASOURCES_DEFAULT_DIALECT=POSTGRES \
      DATASOURCES_DEFAULT_DRIVER_CLASS_NAME=org.postgresql.Driver
    bench "home-hub on PostgreSQL $(psql -Atc 'SHOW server_version' -d postgres)" --jdbc-url "$PG_URL" \
      --jdbc-user "$PGUSER" --jdbc-password "${PGPASSWORD:-}" --watch "home-hub=$HOMEHUB_PID"
    stop "$HOMEHUB_PID"
  else
    log "PostgreSQL at $PGHOST:$PGPORT does not answer; skipping that run"
  fi
fi

{
  echo "## home-hub ingestion ($(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1))"
  echo
  echo "Command: \`bench/compare-homehub.sh ${BENCH_ARGS[*]}\`"
  cat "$REPORT.part"
} >"$REPORT"
rm -f "$REPORT.part"
cat "$REPORT"
log "report: $REPORT"
