//! Engine benchmarks: evaluating the seed form and synthetic 200- and 1 000-row forms, and reading a
//! 1 000-row file. Budget: a 1 000-row evaluation in at most 1 ms natively (docs/performance.md).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use ziping_engine::sample::{large_form, large_form_with_gaps};
use ziping_engine::{evaluate, read_form, to_json, Profile};

fn benches(c: &mut Criterion) {
    let seed = read_form(include_str!(
        "../../../examples/jinzhong-2021-traffic-police.json"
    ))
    .unwrap();
    let jinzhong = Profile::builtin("jinzhong-2021").unwrap();
    c.bench_function("evaluate/seed", |b| {
        b.iter(|| evaluate(black_box(&seed), &jinzhong))
    });
    let central = Profile::builtin("central-2020").unwrap();
    for rows in [200, 1000] {
        let form = large_form(rows);
        c.bench_with_input(BenchmarkId::new("evaluate/rows", rows), &form, |b, form| {
            b.iter(|| evaluate(black_box(form), &central))
        });
    }
    let gaps = large_form_with_gaps(1000);
    c.bench_function("evaluate/rows-with-findings/1000", |b| {
        b.iter(|| evaluate(black_box(&gaps), &central))
    });
    // 1 000 entries in the indicator list (994 rows and their 6 headings): the most a file may hold.
    let text = to_json(&large_form(994));
    assert_eq!(read_form(&text).map(|f| f.indicators.len()), Ok(1000));
    c.bench_function("read_form/rows/1000", |b| {
        b.iter(|| read_form(black_box(&text)).unwrap())
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(engine);
