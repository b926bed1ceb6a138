#!/usr/bin/env Rscript
# R forecast package side of the forecasting benchmark (bench/forecast/run.sh).
# Usage: r_forecast.R DATA.csv HORIZON SEASON METHOD OUT.csv [EVERY]
#   METHOD: ets | theta | arima | croston | sba
#   EVERY: forecast only every k-th series (a deterministic subset, for timing); default 1.
# Writes series_id,step,mean,lo80,hi80,lo95,hi95,model and prints the time per series
# (elapsed, one core: R's forecast runs single-threaded).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
path <- args[1]; h <- as.integer(args[2]); m <- as.integer(args[3]); method <- args[4]
out <- args[5]; every <- if (length(args) >= 6) as.integer(args[6]) else 1L
d <- read.csv(path, stringsAsFactors = FALSE, na.strings = c("NA", ""))
has_split <- "split" %in% names(d)
ids <- unique(d$series_id)
ids <- ids[seq(1, length(ids), by = every)]
rows <- vector("list", length(ids))
elapsed <- 0
for (k in seq_along(ids)) {
  s <- d[d$series_id == ids[k], ]
  s <- s[order(s$t), ]
  y <- if (has_split) s$value[s$split != "test"] else head(s$value, -h)
  if (any(is.na(y))) next
  x <- ts(y, frequency = m)
  t0 <- proc.time()[["elapsed"]]
  fc <- switch(method,
    ets = forecast(ets(x), h = h, level = c(80, 95)),
    theta = thetaf(x, h = h, level = c(80, 95)),
    arima = forecast(auto.arima(x), h = h, level = c(80, 95)),
    croston = croston(x, h = h, alpha = 0.1),
    sba = {  # Syntetos & Boylan (2005): Croston's forecast times (1 - alpha/2)
      f <- croston(x, h = h, alpha = 0.1); f$mean <- f$mean * (1 - 0.1 / 2); f$method <- "SBA"; f
    })
  elapsed <- elapsed + proc.time()[["elapsed"]] - t0
  mean <- as.numeric(fc$mean)
  if (is.null(fc$lower)) {
    lo80 <- hi80 <- lo95 <- hi95 <- rep(NA_real_, h)  # croston() gives no intervals
  } else {
    lo80 <- as.numeric(fc$lower[, 1]); hi80 <- as.numeric(fc$upper[, 1])
    lo95 <- as.numeric(fc$lower[, 2]); hi95 <- as.numeric(fc$upper[, 2])
  }
  model <- if (!is.null(fc$method)) fc$method else method
  rows[[k]] <- data.frame(series_id = ids[k], step = seq_len(h), mean = mean, lo80 = lo80,
                          hi80 = hi80, lo95 = lo95, hi95 = hi95, model = model)
}
res <- do.call(rbind, rows[!vapply(rows, is.null, logical(1))])
write.csv(res, out, row.names = FALSE, na = "NaN")
cat(sprintf("R %s: %d series, %.1f ms per series\n", method, nrow(res) / h,
            1000 * elapsed / (nrow(res) / h)))
