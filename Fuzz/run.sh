#!/usr/bin/env bash
# Builds a libFuzzer target over comp's readers and runs it for a bounded time.
#
#   Fuzz/run.sh TARGET SECONDS      TARGET: deals-csv, deals-xml, plan, crm-export, or all (one after the other)
#
# SwiftPM cannot link a fuzzer executable here (undefined `<target>_main`), so each target is built
# with swiftc straight from the CompKit sources the readers need (Load/CSV, Deals, XML, Plan, FX,
# Payments and InputFile.swift; Model/, Money/, Diagnostics/, Measure/QuotaSchedule.swift; the credit
# pass the deals go through: Credit/, Reward/SpiffMath.swift, the finance tallies, the exact decimal
# text of its messages; no Crypto, no GRDB), with
# CPlatform compiled by clang, plus Fuzz/Sources/Support and the target's entry file, with the plan
# schema embedded as SwiftPM would.
#
# Seeds come from Fuzz/corpus/TARGET (read only); what the fuzzer learns goes to
# .build/fuzz/TARGET/corpus, and a crashing input to .build/fuzz/TARGET/crash-*: keep it as a
# regression test (see docs/RELIABILITY.md). Exit status: 0 when no crash, libFuzzer's otherwise.
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-jobs=2).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: Fuzz/run.sh deals-csv|deals-xml|plan|crm-export|all SECONDS" >&2; exit 2; }
[[ $# -eq 2 && $2 =~ ^[0-9]+$ ]] || usage
target=$1 seconds=$2
if [[ $target == all ]]; then
    for each in deals-csv deals-xml plan crm-export; do "$0" "$each" "$seconds"; done
    exit 0
fi
[[ -f Fuzz/Sources/$target.swift ]] || usage

build=.build/fuzz
binary=$build/$target/fuzzer
mkdir -p "$build/$target/corpus"

kit=Sources/CompKit
sources=(
    $(find "$kit/Load/CSV" "$kit/Load/Deals" "$kit/Load/XML" "$kit/Load/Plan" "$kit/Load/FX" "$kit/Load/Payments" "$kit/Model" \
           "$kit/Bytes" "$kit/Money" "$kit/Diagnostics" "$kit/Credit" -name '*.swift' | sort)
    "$kit/Load/InputFile.swift" "$kit/Measure/QuotaSchedule.swift" "$kit/Reward/SpiffMath.swift" "$kit/Statement/ExactDecimal+Words.swift"
    "$kit/Ledger/LedgerFailure.swift" "$kit/Report/Finance/FinanceArithmetic.swift" "$kit/Run/StageTimer.swift" "$kit/Run/Parallel.swift"
    Fuzz/Sources/Support/*.swift
    "Fuzz/Sources/$target.swift"
)
# The CRM import writes deals.csv itself: it needs the connectors and the CSV writer too.
if [[ $target == crm-export ]]; then
    sources+=($(find "$kit/Connect/Import" -name '*.swift' | sort) "$kit/Connect/Crosswalk/PeopleCrosswalk.swift"
              "$kit/Connect/StagedFile.swift" "$kit/Report/CSVWriter.swift")
fi

# SwiftPM embeds plan.xsd as `PackageResources.plan_xsd`; generate the same for this build.
resources=$build/PackageResources.swift
if [[ ! -f $resources || $kit/Load/Plan/plan.xsd -nt $resources ]]; then
    {
        echo "enum PackageResources {"
        echo "    static let plan_xsd: [UInt8] = ["
        od -An -v -tu1 "$kit/Load/Plan/plan.xsd" | awk '{ line = "       "; for (i = 1; i <= NF; i++) line = line " " $i ","; print line }'
        echo "    ]"
        echo "}"
    } > "$resources.new"
    mv "$resources.new" "$resources"
fi

# CPlatform (prefetch, atomics, huge-page tables) is C: compiled on its own, imported through a module map.
platform=$build/CPlatform
mkdir -p "$platform"
printf 'module CPlatform {\n    header "%s"\n    export *\n}\n' "$PWD/Sources/CPlatform/include/CPlatform.h" > "$platform/module.modulemap"

stale=0
[[ -x $binary ]] || stale=1
for file in "${sources[@]}" "$resources" "$0" Sources/CPlatform/CPlatform.c Sources/CPlatform/include/CPlatform.h; do
    [[ $file -nt $binary ]] && stale=1
done
if (( stale )); then
    echo "fuzz: building $target" >&2
    libxml=()
    for flag in $(pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2); do libxml+=(-Xcc "$flag"); done
    linker=()  # lld, when the toolchain has it: gold warns about every ASan symbol
    [[ -x "$(dirname "$(command -v swiftc)")/ld.lld" ]] && linker=(-use-ld=lld)
    clang -O2 -g -fsanitize=fuzzer-no-link,address -I Sources/CPlatform/include -c Sources/CPlatform/CPlatform.c \
        -o "$platform/CPlatform.o"
    swiftc -O -g "${linker[@]}" -sanitize=fuzzer,address -parse-as-library -swift-version 6 -module-name CompFuzz \
        -I Sources/CLibXML2 -I "$platform" "${libxml[@]}" -lxml2 \
        "${sources[@]}" "$resources" "$platform/CPlatform.o" -o "$binary.new"
    mv "$binary.new" "$binary"
fi

dictionary=()
[[ -f Fuzz/dicts/$target.dict ]] && dictionary=(-dict="Fuzz/dicts/$target.dict")
echo "fuzz: running $target for $seconds s" >&2
# -timeout: one input taking longer is a hang (reported like a crash); -rss_limit_mb: memory blow-ups too.
SWIFT_BACKTRACE=enable=no nice -n 10 "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$build/$target/" "${dictionary[@]}" ${FUZZ_ARGS:-} \
    "$build/$target/corpus" "Fuzz/corpus/$target"
