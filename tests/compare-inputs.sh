# compare-inputs.sh -- sourced by html-check.sh and xlsx-check.sh: the
# scores the comparison reports are made from, written to "$W": two waves,
# current and desired (the reference is examples/bestuur-referentie.csv).
./cmd/plg-survey -q -s wave=2025 --id-prefix V examples/de-regenboog-2025.csv \
    >"$W/r25.csv"
./cmd/plg-survey -q -s wave=2026 examples/de-regenboog-export.csv >"$W/r26.csv"
./cmd/plg-score -q --by wave --by wave,role_group --by wave,team --items \
    "$W/r25.csv" "$W/r26.csv" >"$W/scores-waves.csv"
./cmd/plg-survey -q -i +desired examples/de-regenboog-huidig-gewenst.csv |
    ./cmd/plg-score -q -i +desired --by role_group --by team --items \
    >"$W/scores-desired.csv"
