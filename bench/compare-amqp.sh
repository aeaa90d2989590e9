#!/usr/bin/env bash
# Runs every AMQP benchmark scenario against the bundled broker and against the local RabbitMQ, one after
# the other per scenario, and prints one Markdown table with both side by side (for docs/benchmarks.md).
#
#   bench/compare-amqp.sh                          # every scenario, a few minutes
#   bench/compare-amqp.sh --scenario transient     # any AmqpBench option is passed on
#   bench/compare-amqp.sh --perftest               # also RabbitMQ PerfTest on both, as a cross-check
#
# Environment:
#   RABBITMQ_URI  the real RabbitMQ (default amqp://guest:guest@127.0.0.1:5672/%2F; %2F is the vhost "/",
#                 a bare trailing slash would be the empty vhost)
#   OUT_DIR       where the report and the broker's log go (default bench/target/compare-amqp)
#   BENCH_JAVA_OPTS  JVM options of the benchmark client (none by default)
#
# Each scenario gets a freshly started bundled broker (its defaults, no tuning; 127.0.0.1, a free port, a
# temporary data directory), so that no scenario pays for the garbage or the backlog of the one before; the
# broker is stopped after its scenario and when the script exits, however it exits. All traffic stays on
# 127.0.0.1, every run is bounded in time, and whatever a run declares on RabbitMQ has a unique name and is
# deleted after it.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RABBITMQ_URI=${RABBITMQ_URI:-amqp://guest:guest@127.0.0.1:5672/%2F}
OUT_DIR=${OUT_DIR:-$ROOT/bench/target/compare-amqp}
BROKER_JAR=$ROOT/broker/target/eventyard-broker-all.jar
BENCH_JAR=$ROOT/bench/target/eventyard-bench-all.jar
PERFTEST_VERSION=2.22.1

command_line="bench/compare-amqp.sh${*:+ $*}"
perftest=false
scenarios=transient,transient-paced,persistent-confirms,fanout,short-connections,backlog
bench_args=()
while (($#)); do
  case $1 in
    --perftest) perftest=true ;;
    --scenario) scenarios=$2; shift ;;
    --scenario=*) scenarios=${1#--scenario=} ;;
    *) bench_args+=("$1") ;;
  esac
  shift
done
[[ $scenarios == all ]] && scenarios=transient,transient-paced,persistent-confirms,fanout,short-connections,backlog

log() { printf '%s\n' "$*" >&2; }

# Build when a jar is missing or older than the sources it comes from.
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

mkdir -p "$OUT_DIR"
STAMP=$(date +%Y%m%d-%H%M%S)
REPORT=$OUT_DIR/compare-amqp-$STAMP.md
RUNS=$OUT_DIR/runs-$STAMP.txt
BROKER_PID=
DATA_DIR=
BROKER_LOG=
BUNDLED_URI=

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

# Starts a fresh bundled broker; sets BUNDLED_URI. $1 names its log.
start_broker() {
  local port
  port=$(free_port)
  DATA_DIR=$(mktemp -d -t eventyard-bench-broker.XXXXXX)
  BROKER_LOG=$OUT_DIR/broker-$STAMP-$1.log
  log "starting the bundled broker on 127.0.0.1:$port (log: $BROKER_LOG)"
  BROKER_HOST=127.0.0.1 BROKER_AMQP_PORT=$port BROKER_MQTT_PORT=0 BROKER_MQTT_WS_PORT=-1 BROKER_DATA_DIR=$DATA_DIR BROKER_HTTP_PORT=0 \
    java -jar "$BROKER_JAR" >"$BROKER_LOG" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$BROKER_PID" 2>/dev/null; then
      log "the broker exited at start:"; tail -20 "$BROKER_LOG" >&2; exit 1
    fi
    port_in_use "$port" && break
    sleep 0.1
  done
  port_in_use "$port" || { log "the broker is not listening after 30 s"; exit 1; }
  BUNDLED_URI="amqp://guest:guest@127.0.0.1:$port/%2F"
}

java_version=$(java -version 2>&1 | head -1)
rabbit_version=$( (rabbitmqctl version 2>/dev/null || true) | tail -1)
{
  echo "## AMQP comparison, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB memory, $(uname -sr)"
  echo "- JDK: $java_version"
  echo "- RabbitMQ: ${rabbit_version:-see the target list below the table}"
  echo "- load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- command: \`$command_line\`"
  echo
} | tee "$REPORT"

bench_status=0
: >"$RUNS"
table_rows=()
targets_list=
IFS=, read -r -a scenario_list <<<"$scenarios"
for scenario in "${scenario_list[@]}"; do
  start_broker "$scenario"
  out=$OUT_DIR/run-$STAMP-$scenario.txt
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  java ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" --scenario "$scenario" \
    --uri "bundled=$BUNDLED_URI" --uri "rabbitmq=$RABBITMQ_URI" "${bench_args[@]}" \
    | tee "$out" || bench_status=$?
  cat "$out" >>"$RUNS"
  stop_broker
  if grep -qE ' (WARN|ERROR) ' "$BROKER_LOG"; then
    log "the bundled broker logged warnings or errors in $scenario; see $BROKER_LOG:"
    grep -E ' (WARN|ERROR) ' "$BROKER_LOG" | cut -c14- | sort | uniq -c | sort -rn | head -10 >&2
  fi
  # The table of this run, without its two header lines; the target list once, from the last run.
  table=$(awk '/^\| scenario \|/ {table=1} table' "$out")
  [[ ${#table_rows[@]} -eq 0 ]] && table_rows+=("$(head -2 <<<"$table")")
  table_rows+=("$( (grep '^|' <<<"$table" || true) | tail -n +3)")
  targets_list=$( (grep '^- ' <<<"$table" || true) | sed '/^- bundled:/ s/127\.0\.0\.1:[0-9]*\/%2F`$/127.0.0.1:<free port>\/%2F`/')
done
{
  printf '%s\n' "${table_rows[@]}"
  echo
  printf '%s\n' "$targets_list"
} >>"$REPORT"

if $perftest; then
  log "fetching RabbitMQ PerfTest $PERFTEST_VERSION with Maven ..."
  cp_file=$OUT_DIR/perftest-classpath.txt
  ./mvnw -q -B -f bench/perftest/pom.xml -Dperftest.version=$PERFTEST_VERSION \
    dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
  perf_classpath=$(cat "$cp_file")
  # PerfTest flags equal to two of our scenarios. amq.direct is used passively (-p) and the queue has a
  # unique name and auto-delete, so PerfTest leaves nothing behind on RabbitMQ.
  declare -A perf_cases=(
    [transient]="-x 1 -y 1 -s 1000 -a"
    [persistent-confirms]="-x 1 -y 1 -s 1000 -f persistent -c 100 -q 500"
  )
  {
    echo
    echo "PerfTest $PERFTEST_VERSION cross-check (15 s each, no warm-up):"
    echo
    echo "| scenario | target | sent msg/s | received msg/s | consumer latency µs min/p50/p75/p95/p99 |"
    echo "| --- | --- | ---: | ---: | ---: |"
  } | tee -a "$REPORT"
  for scenario in transient persistent-confirms; do
    start_broker "perftest-$scenario"
    for target in bundled rabbitmq; do
      uri=$BUNDLED_URI; [[ $target == rabbitmq ]] && uri=$RABBITMQ_URI
      queue=eventyard-perftest-$STAMP-$scenario-$target
      # shellcheck disable=SC2086 # the flags are a list
      out=$(timeout 60 java -cp "$perf_classpath" com.rabbitmq.perf.PerfTest -h "$uri" ${perf_cases[$scenario]} \
              -z 15 -e amq.direct -p -u "$queue" -k "$queue" -ad true 2>&1) || true
      printf '%s\n' "$out" >"$OUT_DIR/perftest-$STAMP-$scenario-$target.txt"
      sent=$(sed -n 's/.*sending rate avg: \([0-9]*\) msg\/s.*/\1/p' <<<"$out")
      received=$(sed -n 's/.*receiving rate avg: \([0-9]*\) msg\/s.*/\1/p' <<<"$out")
      latency=$(sed -n 's/.*consumer latency min\/median\/75th\/95th\/99th \([0-9\/]*\) µs.*/\1/p' <<<"$out")
      echo "| $scenario | $target | ${sent:-failed} | ${received:-failed} | ${latency:-–} |" | tee -a "$REPORT"
    done
    stop_broker
  done
fi

{ echo; echo "- load average after: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$REPORT"
echo
echo "================================ report ================================"
cat "$REPORT"
log "report: $REPORT"
exit "$bench_status"
