//! Gene models from GTF and GFF3 on arbitrary bytes, with canonical transcripts and TSS: errors are fine,
//! panics are bugs.
#![no_main]

use gptomics_seqio::annotation::GeneModels;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for models in [GeneModels::from_gtf_reader(data, "fuzz.gtf"), GeneModels::from_gff3_reader(data, "fuzz.gff3")] {
        if let Ok(models) = models {
            for gene in models.genes() {
                let _ = (gene.tss(), gene.canonical_transcript().map(|t| (t.tss(), t.spliced_length())));
            }
        }
    }
});
