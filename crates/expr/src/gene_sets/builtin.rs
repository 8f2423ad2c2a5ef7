//! Built-in marker sets: astrocyte reactivity, and excitatory and inhibitory neuron markers.

use super::{GeneSet, Species};
use crate::{Error, Result};

/// Mouse reactive-astrocyte markers.
const ASTROCYTE_REACTIVITY_MOUSE: [&str; 14] = [
    "Gfap",
    "Vim",
    "Serpina3n",
    "Lcn2",
    "Cd44",
    "C4b",
    "Osmr",
    "Timp1",
    "Cxcl10",
    "Steap4",
    "S1pr3",
    "Hspb1",
    "Aspg",
    "Cp",
];
const ASTROCYTE_SOURCE: &str = "Pan-reactive astrocyte markers of Liddelow et al. 2017 (Nature 541:481-487), \
     defined from the LPS and ischaemia transcriptomes of Zamanian et al. 2012 (J Neurosci 32:6391-6410), \
     plus the complement gene C4b, up-regulated in reactive and ageing astrocytes (Clarke et al. 2018, \
     PNAS 115:E1896)";

/// Vesicular glutamate transporters (VGLUT1/2), NMDA and AMPA receptor subunits, CaMKIIα.
const EXCITATORY_MOUSE: [&str; 5] = ["Slc17a7", "Slc17a6", "Grin1", "Gria1", "Camk2a"];
/// GAD67/GAD65, the vesicular GABA transporter (VGAT), and the parvalbumin and somatostatin interneuron
/// markers.
const INHIBITORY_MOUSE: [&str; 5] = ["Gad1", "Gad2", "Slc32a1", "Pvalb", "Sst"];
/// ZFIN orthologues of the mouse excitatory set (teleost duplicates `a`/`b` where the neural one is
/// known): vglut2b, vglut1 (`slc17a7a`), grin1a, gria1a, camk2a.
const EXCITATORY_ZEBRAFISH: [&str; 5] = ["slc17a6b", "slc17a7a", "grin1a", "gria1a", "camk2a"];
/// ZFIN orthologues of the mouse inhibitory set: gad1b, gad2, slc32a1 (viaat), parvalbumin 7 (the
/// neuronal parvalbumin, Purkinje cells) and somatostatin 1.1.
const INHIBITORY_ZEBRAFISH: [&str; 5] = ["gad1b", "gad2", "slc32a1", "pvalb7", "sst1.1"];
const NEURON_SOURCE: &str = "Canonical glutamatergic / GABAergic neuron markers (vesicular transporters, \
     glutamate decarboxylases, receptor subunits; parvalbumin and somatostatin interneurons)";

/// The reactive-astrocyte set: the 13 pan-reactive markers of Liddelow et al. 2017 (after Zamanian et
/// al. 2012), up-regulated in reactive astrocytes whatever the insult, plus `C4b` (see
/// [`GeneSet::source`]).
///
/// Only the mouse set exists: several markers (`Serpina3n`, `Lcn2`) have no one-to-one zebrafish
/// orthologue, so asking for another species is an [`Error::InvalidInput`] rather than a guessed list.
///
/// ```
/// use gptomics_expr::gene_sets::{Species, astrocyte_reactivity};
/// let set = astrocyte_reactivity(Species::Mouse)?;
/// assert_eq!((set.genes.len(), set.genes[0].as_str()), (14, "Gfap"));
/// assert!(astrocyte_reactivity(Species::Zebrafish).is_err());
/// # Ok::<(), gptomics_expr::Error>(())
/// ```
pub fn astrocyte_reactivity(species: Species) -> Result<GeneSet> {
    match species {
        Species::Mouse => Ok(set("astrocyte_reactivity", &ASTROCYTE_REACTIVITY_MOUSE, ASTROCYTE_SOURCE)),
        Species::Zebrafish => Err(Error::invalid("astrocyte_reactivity: no built-in set for zebrafish (mouse only)")),
    }
}

/// Excitatory (glutamatergic) neuron markers: mouse `Slc17a7, Slc17a6, Grin1, Gria1, Camk2a`; zebrafish
/// `slc17a6b, slc17a7a, grin1a, gria1a, camk2a`.
///
/// ```
/// use gptomics_expr::gene_sets::{Species, excitatory_markers};
/// assert_eq!(excitatory_markers(Species::Zebrafish).genes[0], "slc17a6b");
/// ```
pub fn excitatory_markers(species: Species) -> GeneSet {
    match species {
        Species::Mouse => set("excitatory", &EXCITATORY_MOUSE, NEURON_SOURCE),
        Species::Zebrafish => set("excitatory", &EXCITATORY_ZEBRAFISH, NEURON_SOURCE),
    }
}

/// Inhibitory (GABAergic) neuron markers: mouse `Gad1, Gad2, Slc32a1, Pvalb, Sst`; zebrafish
/// `gad1b, gad2, slc32a1, pvalb7, sst1.1`.
///
/// ```
/// use gptomics_expr::gene_sets::{Species, inhibitory_markers};
/// assert!(inhibitory_markers(Species::Mouse).genes.contains(&"Slc32a1".to_string()));
/// ```
pub fn inhibitory_markers(species: Species) -> GeneSet {
    match species {
        Species::Mouse => set("inhibitory", &INHIBITORY_MOUSE, NEURON_SOURCE),
        Species::Zebrafish => set("inhibitory", &INHIBITORY_ZEBRAFISH, NEURON_SOURCE),
    }
}

fn set(name: &str, genes: &[&str], source: &str) -> GeneSet {
    GeneSet { source: source.to_string(), ..GeneSet::new(name, genes.iter().copied()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_builtin_case_conventions() -> Result<()> {
        // Mouse symbols start upper case; zebrafish symbols are all lower case.
        for gene in astrocyte_reactivity(Species::Mouse)?.genes.iter().chain(&excitatory_markers(Species::Mouse).genes)
        {
            assert!(gene.starts_with(|c: char| c.is_ascii_uppercase()), "{gene}");
        }
        for set in [excitatory_markers(Species::Zebrafish), inhibitory_markers(Species::Zebrafish)] {
            assert!(set.genes.iter().all(|g| *g == g.to_lowercase()), "{set:?}");
        }
        Ok(())
    }
}
