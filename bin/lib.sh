# Shared by bin/tideway and bin/td: builds the checkout when it has not been built or its sources changed,
# and gives the class path of a module.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$repo/target/build.stamp"

ensure_built() {
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    echo "Tideway needs Java 17 and Maven on the PATH (apt-get install openjdk-17-jdk maven)." >&2
    exit 1
  fi
  if [ ! -f "$stamp" ] || [ -n "$(find "$repo" -name target -prune -o -path "$repo/.tideway" -prune -o \
        \( -path '*/src/main/*' -o -name pom.xml \) -newer "$stamp" -print -quit)" ]; then
    echo "Building Tideway (mvn package, first time takes a few minutes)..." >&2
    (cd "$repo" && mvn -B -q -DskipTests package) >&2 || { echo "The build failed; see the output above." >&2; exit 1; }
    mkdir -p "$repo/target" && touch "$stamp"
  fi
}

classpath() {
  echo "$repo/$1/target/classes:$(cat "$repo/$1/target/runtime-classpath.txt")"
}
