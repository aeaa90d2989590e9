#!/usr/bin/env bash
# The order chain benchmark on both brokers: starts the whole stack with the launcher (./eventyard up) on
# the bundled broker, runs OrderLoad, stops the stack; then the same with the services on the local
# RabbitMQ (a virtual host of its own); prints one Markdown table with both side by side (for
# docs/benchmarks.md) and the command lines.
#
#   bench/compare-orders.sh                                   # OrderLoad's defaults: 20 orders/s, 30 s + 10 s warm-up
#   bench/compare-orders.sh --rate 40 --duration 30           # any OrderLoad option, for every run
#   bench/compare-orders.sh --run "--rate 40" --run "--rate max --concurrency 16"   # several workloads,
#                                                             # one after the other on each stack
#   bench/compare-orders.sh --targets rabbitmq                # only one of bundled,rabbitmq
#
# Environment:
#   RABBITMQ_AMQP    the real RabbitMQ without a vhost (default amqp://guest:guest@127.0.0.1:5672); the
#                    script creates the vhost with rabbitmqctl and deletes it afterwards
#   OUT_DIR          where the report, each run's output and every service's log go
#                    (default bench/target/compare-orders)
#   BENCH_JAVA_OPTS  JVM options of the load generator (none by default)
#
# Each target gets a fresh stack: new state and data directories (fresh H2 databases, an empty broker
# store), every port a free one (never 5672, 1883, 5432 or 15672), the broker bound to 127.0.0.1, e-mail to
# a local GreenMail. The launcher always starts the bundled broker; on the RabbitMQ target it stays idle.
# Whatever exits, the stack is stopped, the temporary directories removed and the vhost deleted.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RABBITMQ_AMQP=${RABBITMQ_AMQP:-amqp://guest:guest@127.0.0.1:5672}
OUT_DIR=${OUT_DIR:-$ROOT/bench/target/compare-orders}
BENCH_JAR=$ROOT/bench/target/eventyard-bench-all.jar
# Each jar with the modules it is built from (the services embed the messaging kit).
JARS=(
  "broker/target/eventyard-broker-all.jar broker"
  "order-service/target/order-service.jar order-service messaging"
  "payment-service/target/payment-service.jar payment-service messaging"
  "shipping-service/target/shipping-service.jar shipping-service messaging"
  "email-worker/target/email-worker.jar email-worker messaging"
  "home-hub/target/home-hub.jar home-hub"
  "bench/target/eventyard-bench-all.jar bench"
)
command_line=bench/compare-orders.sh
for arg in "$@"; do
  if [[ $arg == *[[:space:]]* ]]; then command_line+=" \"$arg\""; else command_line+=" $arg"; fi
done
targets=bundled,rabbitmq
workloads=()
common=()
while (($#)); do
  case $1 in
    --run) workloads+=("$2"); shift ;;
    --run=*) workloads+=("${1#--run=}") ;;
    --targets) targets=$2; shift ;;
    --targets=*) targets=${1#--targets=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) common+=("$1") ;;
  esac
  shift
done
((${#workloads[@]})) || workloads=("")

log() { printf '%s\n' "$*" >&2; }

# Build everything once when a jar is missing or older than the sources or poms of its modules.
stale() {
  local jar=$1 module sources=(pom.xml); shift
  for module in "$@"; do sources+=("$module/src" "$module/pom.xml"); done
  [[ ! -f $jar ]] || [[ -n $(find "${sources[@]}" -type f -newer "$jar" -print -quit) ]]
}
for entry in "${JARS[@]}"; do
  # shellcheck disable=SC2086 # the entry is a jar and its modules
  if stale $entry; then
    log "building the stack and the load generator (./mvnw -q -B -DskipTests package) ..."
    ./mvnw -q -B -DskipTests package
    break
  fi
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
TAKEN=" "
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 10000))
    if [[ $TAKEN != *" $port "* ]] && ! port_in_use "$port"; then
      TAKEN+="$port "; echo "$port"; return 0
    fi
  done
  log "no free port found"; return 1
}

# CPU time (user + system) of a process in seconds, from /proc; 0 when it is gone.
TICKS=$(getconf CLK_TCK)
cpu_seconds() {
  awk -v ticks="$TICKS" '{printf "%.1f", ($14 + $15) / ticks}' "/proc/$1/stat" 2>/dev/null || echo 0
}
# name=pid of every part of the running stack, and of RabbitMQ on its target.
stack_pids() {
  local pidfile
  for pidfile in "$STATE_DIR"/*.pid; do
    [[ -f $pidfile ]] && echo "$(basename "$pidfile" .pid)=$(cat "$pidfile")"
  done
  if [[ $CURRENT_TARGET == rabbitmq ]]; then
    local beam
    beam=$(pgrep -o -x beam.smp || true)
    [[ -n $beam ]] && echo "rabbitmq-server=$beam"
  fi
}

mkdir -p "$OUT_DIR"
STAMP=$(date +%Y%m%d-%H%M%S)
REPORT=$OUT_DIR/compare-orders-$STAMP.md
STATE_DIR=
STACK_ENV=()
VHOST=
CURRENT_TARGET=
DOWN_AT=99

stop_stack() {
  if [[ -n $STATE_DIR && -d $STATE_DIR ]]; then
    # Log lines from here on belong to the shutdown (the launcher stops the broker before the services).
    DOWN_AT=$(date +%H:%M:%S.%3N)
    env "${STACK_ENV[@]}" ./eventyard down >&2 || true
    local logs=$OUT_DIR/logs-$STAMP-${CURRENT_TARGET:-stack}
    mkdir -p "$logs"
    cp "$STATE_DIR"/*.log "$logs"/ 2>/dev/null || true
    rm -rf "$STATE_DIR"
  fi
  STATE_DIR=
}
delete_vhost() {
  if [[ -n $VHOST ]]; then
    rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || log "could not delete the RabbitMQ vhost $VHOST"
  fi
  VHOST=
}
cleanup() { stop_stack; delete_vhost; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the stack for target $1 with fresh directories and free ports; sets STACK_ENV, ORDER_URL, AMQP.
start_stack() {
  local target=$1 amqp_port http_port
  STATE_DIR=$(mktemp -d -t eventyard-bench-orders.XXXXXX)
  amqp_port=$(free_port); http_port=$(free_port)
  local mqtt_port order_port
  mqtt_port=$(free_port); order_port=$(free_port)
  STACK_ENV=(
    -u DATASOURCES_DEFAULT_URL -u DATASOURCES_DEFAULT_USERNAME -u DATASOURCES_DEFAULT_PASSWORD
    -u DATASOURCES_DEFAULT_DIALECT -u AMQP_URI
    EVENTYARD_STATE_DIR="$STATE_DIR" EVENTYARD_DATA_DIR="$STATE_DIR/data"
    BROKER_HOST=127.0.0.1 BROKER_AMQP_PORT="$amqp_port" BROKER_HTTP_PORT="$http_port"
    BROKER_MQTT_PORT="$mqtt_port" MQTT_URI="tcp://127.0.0.1:$mqtt_port" BROKER_MQTT_WS_PORT="$(free_port)"
    SMTP_HOST=127.0.0.1 SMTP_PORT="$(free_port)" MAIL_API_PORT="$(free_port)"
    ORDER_PORT="$order_port" PAYMENT_PORT="$(free_port)" SHIPPING_PORT="$(free_port)"
    EMAIL_PORT="$(free_port)" HOMEHUB_PORT="$(free_port)"
  )
  if [[ $target == rabbitmq ]]; then
    VHOST=eventyard-bench-orders-$STAMP-$RANDOM
    rabbitmqctl -q add_vhost "$VHOST" >/dev/null
    rabbitmqctl -q set_permissions -p "$VHOST" guest ".*" ".*" ".*" >/dev/null
    AMQP="$RABBITMQ_AMQP/$VHOST"
    STACK_ENV+=(AMQP_URI="$AMQP")
  else
    AMQP="amqp://guest:guest@127.0.0.1:$amqp_port/%2F"
  fi
  ORDER_URL="http://127.0.0.1:$order_port"
  # The launcher fetches GreenMail into its state directory with Maven; a copy from the local repository
  # spares each fresh directory that.
  local greenmail_version greenmail_jar
  greenmail_version=$(sed -n 's/^GREENMAIL_VERSION=//p' eventyard)
  greenmail_jar=$HOME/.m2/repository/com/icegreen/greenmail-standalone/$greenmail_version/greenmail-standalone-$greenmail_version.jar
  if [[ -n $greenmail_version && -f $greenmail_jar ]]; then
    mkdir -p "$STATE_DIR/lib" && cp "$greenmail_jar" "$STATE_DIR/lib/"
  fi
  log "starting the stack for $target (state: $STATE_DIR) ..."
  if ! env "${STACK_ENV[@]}" SIMULATOR=off ./eventyard up >"$OUT_DIR/up-$STAMP-$target.txt" 2>&1; then
    cat "$OUT_DIR/up-$STAMP-$target.txt" >&2
    for part_log in "$STATE_DIR"/*.log; do
      log "--- $part_log"; tail -15 "$part_log" >&2
    done
    exit 1
  fi
  cat "$OUT_DIR/up-$STAMP-$target.txt" >&2
}

java_version=$(java -version 2>&1 | head -1)
rabbit_version=$( (rabbitmqctl -q version 2>/dev/null || true) | tail -1)
{
  echo "## Order chain, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(uname -sr)"
  echo "- JDK: $java_version"
  echo "- RabbitMQ: ${rabbit_version:-unknown}"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$command_line\`"
  echo
} >"$REPORT"

results=()
commands=()
CPU_FILE=$OUT_DIR/cpu-$STAMP.txt
: >"$CPU_FILE"
IFS=, read -r -a target_list <<<"$targets"
for target in "${target_list[@]}"; do
  case $target in bundled|rabbitmq) ;; *) log "unknown target $target (bundled, rabbitmq)"; exit 2 ;; esac
  CURRENT_TARGET=$target
  start_stack "$target"
  n=0
  for workload in "${workloads[@]}"; do
    n=$((n + 1))
    result=$OUT_DIR/result-$STAMP-$target-$n.properties
    read -r -a workload_args <<<"$workload"
    args=(--name "$target" --order-url "$ORDER_URL" --amqp-uri "$AMQP" "${common[@]}" "${workload_args[@]}")
    declare -A cpu_before=()
    while IFS== read -r part pid; do cpu_before[$part]=$(cpu_seconds "$pid"); done < <(stack_pids)
    run_out=$OUT_DIR/run-$STAMP-$target-$n.txt
    # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
    java ${BENCH_JAVA_OPTS:-} -cp "$BENCH_JAR" io.eventyard.bench.orders.OrderLoad "${args[@]}" \
      --result-file "$result" | tee "$run_out" || true
    [[ -f $result ]] && results+=("$result")
    # CPU seconds each process spent during the run (warm-up, window, drain), the generator included.
    while IFS== read -r part pid; do
      after=$(cpu_seconds "$pid")
      echo "$n|$target|$part|$(awk -v a="$after" -v b="${cpu_before[$part]:-$after}" 'BEGIN {printf "%.1f", a - b}')"
    done < <(stack_pids) >>"$CPU_FILE"
    generator=$(sed -n 's/^   load generator CPU: \([0-9.]*\) s$/\1/p' "$run_out")
    echo "$n|$target|load generator|${generator:-?}" >>"$CPU_FILE"
    commands+=("java -cp bench/target/eventyard-bench-all.jar io.eventyard.bench.orders.OrderLoad ${args[*]}")
  done
  stop_stack
  delete_vhost
  # What the parts logged as warnings or errors while they ran (the load may have pushed them into
  # trouble), apart from what the shutdown caused.
  for part_log in "$OUT_DIR/logs-$STAMP-$target"/*.log; do
    running=$(awk -v t="$DOWN_AT" '/(^| )(WARN|ERROR)( |$)/ && $1 ~ /^[0-9][0-9]:/ && $1 < t' "$part_log")
    stopping=$(awk -v t="$DOWN_AT" '/(^| )(WARN|ERROR)( |$)/ && $1 ~ /^[0-9][0-9]:/ && $1 >= t' "$part_log" | wc -l)
    if [[ -n $running ]]; then
      log "$target: $(basename "$part_log" .log) logged $(wc -l <<<"$running") warnings/errors while running" \
        "($stopping more while stopping), e.g.:"
      cut -c1-220 <<<"$running" | sed -E 's/^[0-9:.]+ //' | sort | uniq -c | sort -rn | head -3 >&2
      echo "- $target: $(basename "$part_log" .log) logged $(wc -l <<<"$running") warnings/errors while running" \
        >>"$OUT_DIR/warnings-$STAMP.txt"
    fi
  done
  # The e-mails are off the path to SHIPPED, and the broker cannot say how many the email-worker holds
  # unacked, so its own log says how far it got: each mail sent is one "Mailed ..." line.
  worker_log=$OUT_DIR/logs-$STAMP-$target/email-worker.log
  if [[ -f $worker_log ]]; then
    ordered=0
    for result in "$OUT_DIR"/result-"$STAMP"-"$target"-*.properties; do
      ordered=$((ordered + $(sed -n 's/^placedTotal=//p' "$result")))
    done
    awk -v target="$target" -v wanted=$((3 * ordered)) '
      / Mailed / && $1 ~ /^[0-9][0-9]:/ { mailed++; bucket[substr($1, 1, 7)]++ }
      END { for (b in bucket) if (bucket[b] > peak) peak = bucket[b]
            printf "- %s: the email-worker mailed %d of the %d e-mails the orders asked for (3 each) before the stack" \
                   " stopped, at most %.1f/s (10 s buckets)\n", target, mailed, wanted, peak / 10 }' \
      "$worker_log" >>"$OUT_DIR/email-$STAMP.txt"
  fi
done

if ((${#results[@]} == 0)); then
  log "no run produced a result"; exit 1
fi
{
  echo "Stack per target (fresh temporary directories, free ports; the RabbitMQ target adds"
  echo "\`AMQP_URI=$RABBITMQ_AMQP/<temporary vhost>\`):"
  echo
  echo '```bash'
  echo "EVENTYARD_STATE_DIR=<tmp> EVENTYARD_DATA_DIR=<tmp>/data BROKER_HOST=127.0.0.1 BROKER_AMQP_PORT=<port> \\"
  echo "  BROKER_HTTP_PORT=<port> SMTP_PORT=<port> MAIL_API_PORT=<port> ORDER_PORT=<port> PAYMENT_PORT=<port> \\"
  echo "  SHIPPING_PORT=<port> EMAIL_PORT=<port> HOMEHUB_PORT=<port> ./eventyard up"
  echo '```'
  echo
  echo "Load, one line per run:"
  echo
  echo '```bash'
  printf '%s\n' "${commands[@]}" | sed -E 's/127\.0\.0\.1:[0-9]{5}/127.0.0.1:<port>/g'
  echo '```'
  echo
  java -cp "$BENCH_JAR" io.eventyard.bench.orders.OrderTable "${results[@]}" \
    | sed -E 's/127\.0\.0\.1:[0-9]{5}/127.0.0.1:<port>/g'
  echo
  echo "CPU seconds (user + system) per process during each run (run n is the n-th workload above), warm-up"
  echo "and drain included; \`broker\` is the bundled broker, idle on the RabbitMQ target:"
  echo
  # A row per run and process (the stack's order, then the generator, then the sum), a column per target.
  awk -F'|' '
    BEGIN { n = split("broker rabbitmq-server order-service payment-service shipping-service email-worker mail home-hub", known, " ")
            for (i = 1; i <= n; i++) rank[known[i]] = i; rank["load generator"] = 98 }
    { if (!(($1, $3) in seen)) { seen[$1, $3] = 1; rows[++count] = sprintf("%04d|%02d|%s", $1, ($3 in rank ? rank[$3] : 50), $3) }
      if (!($2 in tcol)) { tcol[$2] = ++targets; tname[targets] = $2 }
      cpu[$1, $3, $2] = $4; if ($4 != "?") total[$1, $2] += $4; runs[$1] = 1 }
    END {
      for (r in runs) rows[++count] = sprintf("%04d|99|all", r)
      asort(rows)
      printf "| run | process |"; for (t = 1; t <= targets; t++) printf " %s |", tname[t]; print ""
      printf "| --- | --- |"; for (t = 1; t <= targets; t++) printf " ---: |"; print ""
      for (r = 1; r <= count; r++) { split(rows[r], k, "|"); run = k[1] + 0
        printf "| %d | %s |", run, (k[3] == "all" ? "**all**" : k[3])
        for (t = 1; t <= targets; t++) {
          v = (k[3] == "all" ? sprintf("**%.1f**", total[run, tname[t]]) : cpu[run, k[3], tname[t]])
          printf " %s |", (v == "" ? "–" : v) }
        print "" }
    }' "$CPU_FILE"
  if [[ -f $OUT_DIR/email-$STAMP.txt ]]; then
    echo
    cat "$OUT_DIR/email-$STAMP.txt"
  fi
  if [[ -f $OUT_DIR/warnings-$STAMP.txt ]]; then
    echo
    cat "$OUT_DIR/warnings-$STAMP.txt"
  fi
  echo
  echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$REPORT"

echo
echo "================================ report ================================"
cat "$REPORT"
log "report: $REPORT"
