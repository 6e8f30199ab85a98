#!/usr/bin/env bash
# Launches the pathnet-spark job: ./submit.sh [spark-submit options] [--out DIR] [--overwrite] | [--resume DIR]
#            or rebuilds a finished study's report: ./submit.sh report DIR
#            or writes docs/FINDINGS.md from finished studies: ./submit.sh findings [--out DIR] RUN_DIR...
#        or runs the benchmark (docs/PERFORMANCE.md): ./submit.sh bench [--reps N] [--spark-reps N] [--generations G]
#        or starts a standalone cluster on 127.0.0.1 (docs/CLUSTER.md): ./submit.sh cluster start [--workers N]
#           [--cores C] [--memory M], then ./submit.sh cluster stop
#
# Builds the job first when its jar is missing or older than the sources. Runs with $SPARK_HOME/bin/spark-submit
# when SPARK_HOME is set, else with SparkSubmit from the Spark jars the build collected (job/target/lib).
# The master is local[*] unless --master is given; conf/pathnet.conf is the properties file unless
# --properties-file is given. Study settings: --conf spark.pathnet.KEY=VALUE (see README.md).
# A cluster (any master but local) and a Spark distribution's spark-submit get the cluster jar instead
# (job/target/pathnet-job-cluster.jar, built when needed): the job and its libraries but Spark and Hadoop.
set -euo pipefail

home=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$home/job/target/pathnet-job.jar"
lib="$home/job/target/lib"
# The jars of job/target/lib that a Spark distribution would hold (Spark, Hadoop), as a class path.
distribution="$home/job/target/spark-distribution.classpath"
main=org.pathnet.cli.PathnetJob

# True when jar $1 is missing or older than the sources.
stale() {
  [[ ! -f "$1" || -n "$(find "$home/pom.xml" "$home/job/pom.xml" "$home/job/src/main" "$home/conf" -newer "$1" \
      -print -quit)" ]]
}

if [[ ! -d "$lib" || ! -f "$distribution" ]] || stale "$jar"; then
  echo "submit.sh: building the job (mvn package)..." >&2
  (cd "$home" && mvn -B -q -DskipTests package) >&2
fi

# The embedded data lives in the project; BLAS stays single-threaded in every task.
export PATHNET_HOME="$home"
# The commit the job runs from, for its manifest (a copy without git history says unknown).
PATHNET_COMMIT=$(git -C "$home" describe --always --dirty 2>/dev/null) || PATHNET_COMMIT=unknown
export PATHNET_COMMIT
export OMP_NUM_THREADS=1

# Spark's own JavaModuleOptions: a Java 17 driver needs them (spark-submit's launcher adds them itself).
java_options=(-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  java_options+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
# The production kernel uses the JDK Vector API (the job adds the module to executors' options itself). G1
# regions of 16 MB keep a batch of contests or results (a few MB) out of G1's humongous allocations, which start
# costly marking cycles (docs/DESIGN.md, "How it travels"; the job adds the same to executors' options).
driver_jvm_options=(--add-modules=jdk.incubator.vector -XX:G1HeapRegionSize=16m)
java_options+=("${driver_jvm_options[@]}")
java_options+=(-Dlog4j2.configurationFile="$home/conf/log4j2.properties")

# The jar a cluster's executors get: the job and its libraries but Spark and Hadoop.
cluster_jar="$home/job/target/pathnet-job-cluster.jar"
build_cluster_jar_if_stale() {
  if stale "$cluster_jar"; then
    echo "submit.sh: building the cluster jar (mvn -Pcluster-jar package)..." >&2
    (cd "$home" && mvn -B -q -DskipTests -Pcluster-jar package) >&2
  fi
}

# Bad input ends here as it does in the job: one line on stderr, exit code 2.
refuse() {
  echo "pathnet: error: $*" >&2
  exit 2
}

# Runs "$@" in place of this script (so it gets the signals and its exit code is ours) with stderr filtered: the
# JDK announces the incubator module on every start and has no switch to stop it, so that one line is dropped and
# every other passes on as it comes. The filter ignores INT and TERM: a Ctrl-C reaches the whole process group, and
# the filter must outlive the driver to pass on its last lines.
exec_quietly() {
  exec "$@" 2> >(trap '' INT TERM
    exec grep --line-buffered -vxF 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
}

# A local master, or a standalone one on this machine's loopback (./submit.sh cluster), binds Spark to the loopback
# address, unless SPARK_LOCAL_IP says otherwise: nothing listens on the network, executors on loopback reach the
# driver there, and Spark does not warn about a host name that resolves to loopback.
bind_local_master_to_loopback() {
  if [[ "$1" =~ ^(local(\[.*\])?|spark://(127\.0\.0\.1|localhost):[0-9]+)$ ]]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
}

# SparkSubmit reads --properties-file before the job starts and answers a bad one with a stack trace: check it here.
# Java's Properties refuses only a \u escape without four hex digits (outside comments).
check_properties_file() {
  [[ -e "$1" ]] || refuse "--properties-file $1: no such file (expected a spark-defaults properties file)"
  [[ -f "$1" ]] || refuse "--properties-file $1: not a regular file (expected a spark-defaults properties file)"
  [[ -r "$1" ]] || refuse "--properties-file $1: cannot be read (permission denied)"
  local bad
  bad=$(grep -nvP '^\s*[#!]' "$1" | grep -P '(^|[^\\])(\\\\)*\\u(?![0-9a-fA-F]{4})' | head -1 | cut -d: -f1) || true
  [[ -z "$bad" ]] || refuse "--properties-file $1: line $bad: malformed \\uXXXX escape (expected four hex digits" \
    "after \\u, or \\\\ for a backslash)"
}

spark_options=()
job_arguments=()
# spark-submit's options that take a value, beside those this script reads itself (Spark 3.5's
# SparkSubmitOptionParser): its parser answers any other option with a stack trace, so an unknown one stops here.
spark_submit_options=" --archives --class --conf --deploy-mode --driver-class-path --driver-cores
  --driver-java-options --driver-library-path --exclude-packages --executor-cores --executor-memory --files --jars
  --keytab --kill --name --num-executors --packages --principal --proxy-user --py-files --queue --remote
  --repositories --status --total-executor-cores "
usage_expected="spark-submit options, --out DIR, --overwrite, --resume DIR"
# A leading word picks another main class of the same jar.
case "${1:-}" in
  bench) shift; bind_local_master_to_loopback local
    # its cluster row's executors get the cluster jar, unless the row is skipped
    [[ " $* " =~ " --cluster-reps 0 "|" --spark-reps 0 " ]] || build_cluster_jar_if_stale
    exec_quietly java "${java_options[@]}" -Xmx"${PATHNET_DRIVER_MEMORY:-2g}" -cp "$jar:$lib/*" \
      org.pathnet.bench.BenchCommand "$@" ;;
  cluster) shift
    # A standalone cluster on 127.0.0.1 from the build's jars, outliving this command (docs/CLUSTER.md).
    case "${1:-}" in
      start) shift; exec_quietly java "${java_options[@]}" -cp "$jar:$lib/*" org.pathnet.bench.StandaloneCluster \
        start "$home/job/target/standalone-cluster" "$distribution" "$@" ;;
      stop) exec_quietly java "${java_options[@]}" -cp "$jar:$lib/*" org.pathnet.bench.StandaloneCluster \
        stop "$home/job/target/standalone-cluster" ;;
      *) refuse "usage: ./submit.sh cluster start [--workers N] [--cores C] [--memory M] | cluster stop" ;;
    esac ;;
  findings) shift; bind_local_master_to_loopback local
    # docs/FINDINGS.md from finished studies' run directories (local Spark; the tables are only read).
    exec_quietly java "${java_options[@]}" -Xmx"${PATHNET_DRIVER_MEMORY:-4g}" -cp "$jar:$lib/*" \
      org.pathnet.cli.FindingsCommand "$@" ;;
  report)
    # Rebuilds DIR/report from DIR's tables and config.properties (local Spark; the tables are only read).
    [[ $# -eq 2 ]] || { echo "submit.sh: error: usage: ./submit.sh report DIR" >&2; exit 2; }
    main=org.pathnet.cli.ReportCommand
    job_arguments+=("$2")
    shift 2 ;;
esac

has_master=false
master='local[*]'
has_properties=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;  # spark-submit's --option=value form, as two words
    --out|--resume)
      [[ $# -ge 2 ]] || { echo "submit.sh: error: $1 needs a directory" >&2; exit 2; }
      job_arguments+=("$1" "$2"); shift 2 ;;
    --overwrite) job_arguments+=("$1"); shift ;;
    --master) [[ $# -ge 2 ]] || { echo "submit.sh: error: --master needs a value" >&2; exit 2; }
      has_master=true; master="$2"; spark_options+=("$1" "$2"); shift 2 ;;
    --properties-file) [[ $# -ge 2 ]] || refuse "--properties-file needs a file"
      check_properties_file "$2"; has_properties=true; spark_options+=("$1" "$2"); shift 2 ;;
    --driver-memory) [[ $# -ge 2 ]] || { echo "submit.sh: error: $1 needs a value" >&2; exit 2; }
      PATHNET_DRIVER_MEMORY="$2"; shift 2 ;;
    --verbose|-v|--supervise|--version) spark_options+=("$1"); shift ;;
    --help|-h) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    --*) [[ $spark_submit_options =~ [[:space:]]"$1"[[:space:]] ]] || refuse "unknown option $1 (expected $usage_expected)"
      [[ $# -ge 2 ]] || { echo "submit.sh: error: $1 needs a value" >&2; exit 2; }
      spark_options+=("$1" "$2"); shift 2 ;;
    *) echo "submit.sh: error: unexpected argument '$1' (expected $usage_expected)" >&2
      exit 2 ;;
  esac
done
$has_master || spark_options+=(--master "$master")
$has_properties || spark_options+=(--properties-file "$home/conf/pathnet.conf")
bind_local_master_to_loopback "$master"

# The driver keeps every run's follower and every row it logs, and on a local master the runs' state: DriverMemory
# sizes its heap from the study, with a small young generation on a
# cluster, or checks the heap the user gives
# (PATHNET_DRIVER_MEMORY or --driver-memory); a study that cannot fit is refused here, before any work, in one line.
# JAVA_TOOL_OPTIONS are meant for the job: a flight recording's start-up line on stdout would spoil the answer.
sized=$(env -u JAVA_TOOL_OPTIONS java -cp "$jar:$lib/*" org.pathnet.cli.DriverMemory "${spark_options[@]}" \
  "${job_arguments[@]}" ${PATHNET_DRIVER_MEMORY:+--driver-memory "$PATHNET_DRIVER_MEMORY"} 2>&1) || {
  status=$?; grep '^pathnet: error: ' <<< "$sized" >&2; exit $status; }
sized=$(grep -xE '[0-9]+m( [-a-zA-Z.:=0-9]+)*' <<< "$sized")
read -r driver_memory sized_options <<< "$sized"
for option in $sized_options; do
  case "$option" in
    spark.*) spark_options+=(--conf "$option") ;;
    *) driver_jvm_options+=("$option"); java_options+=("$option") ;;
  esac
done
java_options+=(-Xmx"$driver_memory")
spark_options+=(--driver-memory "$driver_memory")

# Executors on a cluster, and a distribution's spark-submit, have Spark and Hadoop but not ND4J and the job.
if [[ -n "${SPARK_HOME:-}" || ! "$master" =~ ^local(\[.*\])?$ ]]; then
  jar="$cluster_jar"
  build_cluster_jar_if_stale
fi

if [[ -n "${SPARK_HOME:-}" ]]; then
  exec_quietly "$SPARK_HOME/bin/spark-submit" --class "$main" --driver-java-options "${driver_jvm_options[*]}" \
    "${spark_options[@]}" "$jar" "${job_arguments[@]}"
fi

# YARN's containers run the Spark of whoever submits: without a distribution, the jars the build collected. As a
# system property it is only a default: spark.yarn.jars or spark.yarn.archive of yours (--conf or properties file)
# wins.
if [[ "$master" == yarn ]]; then
  java_options+=("-Dspark.yarn.jars=$(tr ':' ',' < "$distribution")")
fi
# Hadoop reads its configuration (where YARN and HDFS are) from the class path, as spark-submit arranges it.
classpath="$lib/*"
for conf_dir in "${HADOOP_CONF_DIR:-}" "${YARN_CONF_DIR:-}"; do
  [[ -z "$conf_dir" ]] || classpath="$conf_dir:$classpath"
done
exec_quietly java "${java_options[@]}" -cp "$classpath" org.apache.spark.deploy.SparkSubmit --class "$main" \
  "${spark_options[@]}" "$jar" "${job_arguments[@]}"
