# check-compare.R -- the known answers of the comparison golden cases,
# computed by R from plg-score's n, mean and sd, against what plg-report
# wrote (rounded to 2 decimals) in waves-csv.out and reference-csv.out:
# the difference, the Welch interval as R's t.test computes it from the
# summary statistics, and Hedges' g with the exact correction.
#   Rscript tests/golden/plg-report/check-compare.R   (from the top)
d <- "tests/golden/plg-report"
welch <- function(na, ma, sa, nb, mb, sb) {
  va <- sa^2 / na; vb <- sb^2 / nb
  df <- (va + vb)^2 / (va^2 / (na - 1) + vb^2 / (nb - 1))
  t <- qt(0.975, df)
  m <- na + nb - 2
  sp <- sqrt(((na - 1) * sa^2 + (nb - 1) * sb^2) / m)
  J <- gamma(m / 2) / (sqrt(m / 2) * gamma((m - 1) / 2))
  c(diff = mb - ma, lo = mb - ma - t * sqrt(va + vb),
    hi = mb - ma + t * sqrt(va + vb), g = J * (mb - ma) / sp)
}
bad <- 0; n <- 0
check <- function(what, got, want) {
  n <<- n + 1
  if (is.na(got) || abs(got - round(want, 2)) > 0.0051) {
    bad <<- bad + 1
    cat(sprintf("FAIL %s: plg-report %s, R %.4f\n", what, got, want))
  }
}
# waves: the whole school, 2026 against 2025, every compared scale
s <- read.csv(file.path(d, "waves.in"), colClasses = "character")
o <- read.csv(file.path(d, "waves-csv.out"), colClasses = "character")
o <- o[o$table == "waves" & o$group == "Whole school" &
  o$status != "not compared", ]
for (i in seq_len(nrow(o))) {
  a <- s[s$wave == "2025" & s$role_group == "*" & s$team == "*" &
    s$type != "item" & s$code == o$scale_code[i], ]
  b <- s[s$wave == "2026" & s$role_group == "*" & s$team == "*" &
    s$type != "item" & s$code == o$scale_code[i], ]
  w <- welch(as.numeric(a$n), as.numeric(a$mean), as.numeric(a$sd),
    as.numeric(b$n), as.numeric(b$mean), as.numeric(b$sd))
  check(paste("waves", o$scale_code[i], "difference"),
    as.numeric(o$difference[i]), w["diff"])
  check(paste("waves", o$scale_code[i], "ci_low"),
    as.numeric(o$ci_low[i]), w["lo"])
  check(paste("waves", o$scale_code[i], "ci_high"),
    as.numeric(o$ci_high[i]), w["hi"])
  check(paste("waves", o$scale_code[i], "g"),
    as.numeric(o$effect_size[i]), w["g"])
}
# the statement LF3f was not asked in 2025: dialogue and lfl are refused
r <- read.csv(file.path(d, "waves-csv.out"), colClasses = "character")
r <- r[r$table == "waves" & r$group == "Whole school", ]
n <- n + 1
if (!all(r$status[r$scale_code %in% c("dialogue", "lfl")] == "not compared"))
  { bad <- bad + 1; cat("FAIL waves: dialogue and lfl compared\n") }
# the reference: the school (text.in) against the board's other schools
s <- read.csv(file.path(d, "text.in"), colClasses = "character")
f <- read.csv("examples/bestuur-referentie.csv", colClasses = "character")
o <- read.csv(file.path(d, "reference-csv.out"), colClasses = "character")
o <- o[o$table == "reference" & o$group == "Whole school", ]
for (i in seq_len(nrow(o))) {
  a <- f[f$school == "*" & f$role_group == "*" & f$code == o$scale_code[i], ]
  b <- s[s$role_group == "*" & s$team == "*" & s$type != "item" &
    s$code == o$scale_code[i], ]
  w <- welch(as.numeric(a$n), as.numeric(a$mean), as.numeric(a$sd),
    as.numeric(b$n), as.numeric(b$mean), as.numeric(b$sd))
  check(paste("reference", o$scale_code[i], "difference"),
    as.numeric(o$difference[i]), w["diff"])
  check(paste("reference", o$scale_code[i], "ci_low"),
    as.numeric(o$ci_low[i]), w["lo"])
  check(paste("reference", o$scale_code[i], "ci_high"),
    as.numeric(o$ci_high[i]), w["hi"])
  check(paste("reference", o$scale_code[i], "g"),
    as.numeric(o$effect_size[i]), w["g"])
  # the rank among the reference schools shown (k = 5): De Kleine Prins
  # (4) is too small, Klimop (19) the smallest other, hidden with it
  sc <- f[f$school %in% c("De Horizon", "De Vlinder", "De Wilgen",
    "Het Kompas", "Sint Jozef") & f$role_group == "*" &
    f$code == o$scale_code[i], ]
  check(paste("reference", o$scale_code[i], "rank"), as.numeric(o$rank[i]),
    1 + sum(as.numeric(sc$mean) > as.numeric(b$mean)))
}
cat(sprintf("compare: %d passed, %d failed\n", n - bad, bad))
quit(status = if (bad > 0) 1 else 0)
