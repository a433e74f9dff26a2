# stats-reference.R -- reference values for tests/unit/test_stats.c, from
# psych::alpha() and stats::qt().  Run: Rscript tests/r/stats-reference.R
# The data set below is repeated verbatim (NA as NAN) in test_stats.c.
suppressPackageStartupMessages(library(psych))
cat("# psych", as.character(packageVersion("psych")), "/",
    R.version.string, "\n")

# 25 respondents x 5 Likert items (1..5), 12 cells missing; q5 is
# negatively related to the others.
x <- matrix(c(
	NA, 4, 3, 4, 3,
	 5, 5, 5, 5, 1,
	 3, 4, 3, 2, 2,
	 5, 1, 3, 2, 4,
	 3, 4, NA, 2, 3,
	 4, 3, 2, 3, 1,
	 4, 5, 3, 4, 3,
	 4, 4, 4, NA, 3,
	 3, 3, 3, 3, NA,
	 3, 4, 5, 4, 2,
	 2, 2, 1, 3, 3,
	 4, NA, 5, 2, 2,
	 3, 3, NA, 4, 4,
	 4, 5, NA, 4, 4,
	NA, 5, 5, 4, NA,
	 3, NA, 3, 4, 1,
	NA, 5, 5, 5, 4,
	 3, 4, 3, 4, 1,
	 4, 4, 4, 5, 4,
	 3, 3, 3, 3, 4,
	 1, 2, 3, 2, 4,
	 2, NA, 4, 2, 2,
	 5, 4, 4, 5, 2,
	 4, 5, 3, 3, 3,
	 3, 3, 3, 4, 2),
    ncol = 5, byrow = TRUE, dimnames = list(NULL, paste0("q", 1:5)))
x <- as.data.frame(x)

p17 <- function(label, v)
	cat(label, paste(sprintf("%.17g", v), collapse = ", "), "\n")

show <- function(title, d) {
	# warnings = FALSE only silences the "should be reversed" note;
	# the numbers are the same.
	a <- suppressWarnings(alpha(d, warnings = FALSE))
	cat("##", title, "\n")
	p17("raw_alpha:", a$total$raw_alpha)
	p17("std.alpha:", a$total$std.alpha)
	p17("average_r:", a$total$average_r)
	p17("alpha.drop raw_alpha:", a$alpha.drop$raw_alpha)
	p17("item.stats r.drop:", a$item.stats$r.drop)
	cat("items kept:", rownames(a$alpha.drop), "\n")
}

show("pairwise (default use=\"pairwise\")", x)
show("listwise: alpha(na.omit(x))", na.omit(x))
show("two items: alpha(x[, 1:2])", x[, 1:2])
# With two items psych's alpha.drop raw_alpha is not an alpha at all but
# C[1,2]/C[2,2] and C[1,2]/C[1,1] (regression slopes); alpha_item_drop()
# gives NAN there instead.
C2 <- cov(x[, 1:2], use = "pairwise")
p17("C[1,2]/C[2,2], C[1,2]/C[1,1]:", c(C2[1, 2] / C2[2, 2], C2[1, 2] / C2[1, 1]))
# q6 has no variance: psych deletes it (with a warning) and reports alpha
# of q1..q5; compare with alpha_from_cov_delete().
show("constant item: alpha(cbind(x, q6 = 3 with two NA))",
    cbind(x, q6 = c(3, NA, rep(3, 10), NA, rep(3, 12))))

cat("## qt\n")
for (df in c(1, 2, 5, 29, 1000))
	p17(sprintf("qt(0.975, %g):", df), qt(0.975, df))
p17("qt(0.9, 7):", qt(0.9, 7))
# Beyond what plg-score needs: non-integer and huge df, far tails.  (R's
# own qt() is only good to about 1e-10 very near p = 0.5 and in extreme
# tails with df < 3, so no such points here.)
p17("qt(1e-10, 1):", qt(1e-10, 1))
p17("qt(0.995, 3.5):", qt(0.995, 3.5))
p17("qt(0.75, 0.5):", qt(0.75, 0.5))
p17("qt(0.025, 12.25):", qt(0.025, 12.25))
p17("qt(0.999, 150):", qt(0.999, 150))
p17("qt(0.975, 1e6):", qt(0.975, 1e6))
p17("qt(1e-12, 40):", qt(1e-12, 40))
