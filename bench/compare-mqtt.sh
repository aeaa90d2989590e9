#!/usr/bin/env bash
# Runs the MQTT benchmark's workloads against the bundled broker and against the local Mosquitto, one
# after the other per workload, and prints one Markdown table with both side by side (for
# docs/benchmarks.md).
#
#   bench/compare-mqtt.sh                       # the default set below, about 10 minutes
#   bench/compare-mqtt.sh --run "--layout fan-in --qos 1"            # one workload instead
#   bench/compare-mqtt.sh --duration 10 --warmup 3                   # other options go to every run
#
# Environment:
#   MQTT_COMPAT_URI  Mosquitto (default tcp://127.0.0.1:1883; tcp://user:password@host:port for a login)
#   BROKER_XMX       the bundled broker's -Xmx (default 1g): heap per idle connection is read against it
#   OUT_DIR          where the report and the broker's logs go (default bench/target/compare-mqtt)
#   BENCH_JAVA_OPTS  JVM options of the benchmark client (none by default)
#
# Each workload gets a freshly started bundled broker (defaults, in memory is not an option of the jar so
# a temporary data directory; 127.0.0.1; free ports for MQTT, AMQP and HTTP, never the ports the real
# servers here hold), stopped after its workload and when the script exits, however it exits. Every run
# uses topics and client ids unique to it (bench-<run>-...), so it disturbs nobody else on Mosquitto;
# nothing is retained, every session is clean.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
MQTT_COMPAT_URI=${MQTT_COMPAT_URI:-tcp://127.0.0.1:1883}
BROKER_XMX=${BROKER_XMX:-1g}
OUT_DIR=${OUT_DIR:-$ROOT/bench/target/compare-mqtt}
BROKER_JAR=$ROOT/broker/target/eventyard-broker-all.jar
BENCH_JAR=$ROOT/bench/target/eventyard-bench-all.jar

command_line="bench/compare-mqtt.sh${*:+ $*}"
runs=()
common=()
while (($#)); do
  case $1 in
    --run) runs+=("$2"); shift ;;
    --run=*) runs+=("${1#--run=}") ;;
    *) common+=("$1") ;;
  esac
  shift
done
if ((${#runs[@]} == 0)); then
  runs=(
    "--layout fan-in --qos 0"
    "--layout fan-in --qos 0 --rate 1000"
    "--layout fan-in --qos 0 --rate 3000"
    "--layout fan-in --qos 1"
    "--layout fan-in --qos 1 --rate 400"
    "--layout fan-in --qos 1 --rate 1000"
    "--layout fan-out --qos 0"
    "--layout fan-out --qos 0 --rate 2000"
    "--layout fan-out --qos 1 --rate 1000"
    "--layout idle --connections 10000"
  )
fi

log() { printf '%s\n' "$*" >&2; }

stale() {
  local jar=$1; shift
  [[ ! -f $jar ]] || [[ -n $(find "$@" -newer "$jar" -type f -print -quit) ]]
}
if stale "$BROKER_JAR" broker/src broker/pom.xml pom.xml || stale "$BENCH_JAR" bench/src bench/pom.xml pom.xml; then
  log "building broker and bench ..."
  ./mvnw -q -B -pl broker,bench -am package -DskipTests
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 10000))
    if ! port_in_use "$port"; then echo "$port"; return 0; fi
  done
  log "no free port found"; return 1
}

# Mosquitto's process, for its resident memory in the idle run: the one whose pid file the local
# installation names, else none (the idle run then counts connections only).
mosquitto_pid() {
  local pid
  for file in /run/mosquitto/mosquitto.pid /var/run/mosquitto/mosquitto.pid; do
    if [[ -r $file ]]; then pid=$(tr -dc 0-9 <"$file"); [[ -n $pid && -r /proc/$pid/status ]] && { echo "$pid"; return; }; fi
  done
}

mkdir -p "$OUT_DIR"
STAMP=$(date +%Y%m%d-%H%M%S)
REPORT=$OUT_DIR/compare-mqtt-$STAMP.md
BROKER_PID=
DATA_DIR=
BROKER_LOG=
BUNDLED_PORT=

stop_broker() {
  if [[ -n $BROKER_PID ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
    kill "$BROKER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$BROKER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$BROKER_PID" 2>/dev/null; then
      log "broker did not stop within 15 s; killing it"
      kill -9 "$BROKER_PID" 2>/dev/null || true
    fi
    wait "$BROKER_PID" 2>/dev/null || true
  fi
  BROKER_PID=
  [[ -n $DATA_DIR ]] && rm -rf "$DATA_DIR"
  DATA_DIR=
}
trap stop_broker EXIT
trap 'exit 130' INT TERM

# Starts a fresh bundled broker; sets BUNDLED_PORT and BROKER_PID. $1 names its log.
start_broker() {
  BUNDLED_PORT=$(free_port)
  DATA_DIR=$(mktemp -d -t eventyard-bench-broker.XXXXXX)
  BROKER_LOG=$OUT_DIR/broker-$STAMP-$1.log
  log "starting the bundled broker (-Xmx$BROKER_XMX), MQTT on 127.0.0.1:$BUNDLED_PORT (log: $BROKER_LOG)"
  BROKER_HOST=127.0.0.1 BROKER_MQTT_PORT=$BUNDLED_PORT BROKER_AMQP_PORT=0 BROKER_HTTP_PORT=0 BROKER_DATA_DIR=$DATA_DIR \
    java "-Xmx$BROKER_XMX" -jar "$BROKER_JAR" >"$BROKER_LOG" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$BROKER_PID" 2>/dev/null; then
      log "the broker exited at start:"; tail -20 "$BROKER_LOG" >&2; exit 1
    fi
    port_in_use "$BUNDLED_PORT" && break
    sleep 0.1
  done
  port_in_use "$BUNDLED_PORT" || { log "the broker is not listening after 30 s"; exit 1; }
}

java_version=$(java -version 2>&1 | head -1)
mosquitto_version=$( (mosquitto -h 2>/dev/null || true) | head -1)
{
  echo "## MQTT comparison, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(uname -sr)"
  echo "- JDK: $java_version; bundled broker -Xmx$BROKER_XMX"
  echo "- Mosquitto: ${mosquitto_version:-unknown version} at $MQTT_COMPAT_URI"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$command_line\`"
  echo
} | tee "$REPORT"

bench_status=0
table_rows=()
index=0
for run in "${runs[@]}"; do
  index=$((index + 1))
  start_broker "run$index"
  out=$OUT_DIR/run-$STAMP-$index.txt
  pids=(--pid "bundled=$BROKER_PID")
  mosquitto=$(mosquitto_pid || true)
  [[ -n $mosquitto ]] && pids+=(--pid "mosquitto=$mosquitto")
  # shellcheck disable=SC2086 # $run and BENCH_JAVA_OPTS are lists of options
  command=(java ${BENCH_JAVA_OPTS:-} -cp "$BENCH_JAR" io.eventyard.bench.mqtt.MqttBench
    --target "bundled=tcp://guest:guest@127.0.0.1:$BUNDLED_PORT" --target "mosquitto=$MQTT_COMPAT_URI"
    "${pids[@]}" $run "${common[@]}")
  echo "${command[*]}" | sed 's/guest:guest@/guest:***@/' >"$out"
  "${command[@]}" | tee -a "$out" || bench_status=$?
  stop_broker
  if grep -qE ' (WARN|ERROR) ' "$BROKER_LOG"; then
    log "the bundled broker logged warnings or errors in run $index; see $BROKER_LOG:"
    grep -E ' (WARN|ERROR) ' "$BROKER_LOG" | cut -c14- | sort | uniq -c | sort -rn | head -10 >&2
  fi
  table=$(awk '/^\| workload \|/ {table=1} table' "$out")
  [[ ${#table_rows[@]} -eq 0 ]] && table_rows+=("$(head -2 <<<"$table")")
  table_rows+=("$( (grep '^|' <<<"$table" || true) | tail -n +3)")
done
{
  printf '%s\n' "${table_rows[@]}"
  echo
  echo "- bundled: \`tcp://guest:***@127.0.0.1:<free port>\`, a fresh broker per workload"
  echo "- mosquitto: \`$MQTT_COMPAT_URI\`"
  echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} >>"$REPORT"

echo
echo "================================ report ================================"
cat "$REPORT"
log "report: $REPORT"
exit "$bench_status"
