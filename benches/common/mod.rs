//! What every benchmark reports: one figure per measurement, written as JSON under
//! `target/bench/`.

use std::time::Duration;

use serde::Serialize;

/// Quantiles of a set of samples, in milliseconds, with the target it is measured against.
#[derive(Serialize)]
pub struct Figure {
    pub name: String,
    pub unit: &'static str,
    pub n: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
    pub target: Option<String>,
}

/// Sorts `samples` and summarises them. `samples` must not be empty.
pub fn figure(name: &str, samples: &mut [Duration], target: Option<&str>) -> Figure {
    samples.sort();
    let ms = |d: Duration| (d.as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    let at = |q: f64| ms(samples[((samples.len() as f64 - 1.0) * q).round() as usize]);
    Figure {
        name: name.to_owned(),
        unit: "ms",
        n: samples.len(),
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        max: ms(samples[samples.len() - 1]),
        target: target.map(str::to_owned),
    }
}
