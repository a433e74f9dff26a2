# check-psych.R -- compare plg-score's numbers with R psych 2.2.9.
# usage: Rscript tests/r/check-psych.R RESPONSES.csv SCORES.csv INSTRUMENT.csv
# SCORES.csv is `plg-score -p 17 --items --listwise` output for the whole
# input.  Prints "psych: N passed, M failed" and exits 1 on a failure.
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
resp <- read.csv(args[1], check.names = FALSE, stringsAsFactors = FALSE)
sc <- read.csv(args[2], check.names = FALSE, stringsAsFactors = FALSE)
ins <- read.csv(args[3], comment.char = "#", stringsAsFactors = FALSE,
    colClasses = "character")
range <- as.numeric(strsplit(ins$value[ins$type == "range"], "..", fixed = TRUE)[[1]])
items <- ins[ins$type == "item", ]
scales <- ins[ins$type %in% c("framework", "scale"), ]
x <- resp[, items$code]
rev <- items$value == "reverse"
x[, rev] <- range[1] + range[2] - x[, rev]
under <- function(s) {	# items beneath scale s
	kids <- scales$code[scales$parent == s]
	c(items$code[items$parent == s], unlist(lapply(kids, under)))
}
pass <- 0; fail <- 0
check <- function(what, ours, theirs, tol = 1e-9) {
	ok <- (is.na(ours) && is.na(theirs)) ||
	    (!is.na(ours) && !is.na(theirs) &&
	    abs(ours - theirs) <= tol * max(1, abs(theirs)))
	if (ok) pass <<- pass + 1 else {
		fail <<- fail + 1
		cat(sprintf("FAIL %s: plg-score %.17g, psych %.17g\n", what, ours, theirs))
	}
}
min_ans <- as.numeric(ins$value[ins$type == "setting" & ins$code == "min_answered"])
for (s in scales$code) {
	its <- items$code[items$code %in% under(s)]
	row <- sc[sc$type != "item" & sc$code == s, ]
	a <- suppressMessages(suppressWarnings(alpha(x[, its], check.keys = FALSE)))
	check(paste(s, "alpha"), row$alpha, a$total$raw_alpha)
	check(paste(s, "alpha_std"), row$alpha_std, a$total$std.alpha)
	check(paste(s, "average_r"), row$average_r, a$total$average_r)
	lw <- suppressMessages(suppressWarnings(alpha(na.omit(x[, its]), check.keys = FALSE)))
	check(paste(s, "alpha_listwise"), row$alpha_listwise, lw$total$raw_alpha)
	# scale scores: mean of answered items, given min_answered of them
	answered <- rowSums(!is.na(x[, its, drop = FALSE]))
	score <- rowMeans(x[, its, drop = FALSE], na.rm = TRUE)
	score[answered < min_ans * length(its) - 1e-9] <- NA
	check(paste(s, "mean"), row$mean, mean(score, na.rm = TRUE))
	check(paste(s, "sd"), row$sd, sd(score, na.rm = TRUE))
	n <- sum(!is.na(score))
	check(paste(s, "n"), row$n, n)
	check(paste(s, "ci_low"), row$ci_low, mean(score, na.rm = TRUE) -
	    qt(0.975, n - 1) * sd(score, na.rm = TRUE) / sqrt(n))
	if (s %in% items$parent) {	# item rows refer to their own scale
		for (i in seq_along(its)) {
			ir <- sc[sc$type == "item" & sc$code == its[i], ]
			check(paste(its[i], "r_drop"), ir$r_drop, a$item.stats$r.drop[i])
			check(paste(its[i], "alpha_drop"), ir$alpha_drop,
			    a$alpha.drop$raw_alpha[i])
			check(paste(its[i], "mean"), ir$mean, mean(x[, its[i]], na.rm = TRUE))
			check(paste(its[i], "sd"), ir$sd, sd(x[, its[i]], na.rm = TRUE))
		}
	}
}
cat(sprintf("\npsych: %d passed, %d failed\n", pass, fail))
quit(status = if (fail > 0) 1 else 0)
