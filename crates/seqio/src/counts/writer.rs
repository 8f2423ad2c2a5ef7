//! Writing a [`CountTable`] back as TSV, in the layout the reader reads.

use std::io::{self, Write};

use super::CountTable;
use crate::tsv;

impl CountTable {
    /// Writes the table as TSV: a header `gene_id`, the annotation columns, then the samples; one line per
    /// gene; HTSeq special rows last, with empty annotation cells. Reading the output back gives the same
    /// table, except that annotation columns whose values all look numeric come back as samples unless
    /// named in [`super::CountTableOptions::annotation_columns`] or [`super::ANNOTATION_NAMES`].
    ///
    /// A name or annotation value holding a tab or line break cannot be written: that is an
    /// [`io::ErrorKind::InvalidInput`] error (see [`tsv::Writer`]).
    ///
    /// ```
    /// use gptomics_seqio::counts::{CountTable, CountTableOptions};
    /// let table = CountTable::from_reader(&b"\"\",\"s1\"\n\"g1\",4\n"[..], "x", &CountTableOptions::default())?;
    /// let mut out = Vec::new();
    /// table.write_tsv(&mut out)?;
    /// assert_eq!(out, b"gene_id\ts1\ng1\t4\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_tsv<W: Write>(&self, writer: W) -> io::Result<()> {
        let mut writer = tsv::Writer::new(writer);
        let header = ["gene_id"]
            .into_iter()
            .chain(self.annotation_names.iter().map(String::as_str))
            .chain(self.samples.iter().map(String::as_str));
        writer.write_header(&header.collect::<Vec<_>>())?;
        let mut fields: Vec<String> = Vec::new();
        for (g, gene) in self.genes.iter().enumerate() {
            fields.clear();
            fields.push(gene.clone());
            fields.extend(self.annotation_values.iter().map(|values| values[g].clone()));
            fields.extend(self.row(g).unwrap_or_default().iter().map(u64::to_string));
            writer.write_row(&fields)?;
        }
        for (name, counts) in &self.special {
            fields.clear();
            fields.push(name.clone());
            fields.extend(self.annotation_names.iter().map(|_| String::new()));
            fields.extend(counts.iter().map(u64::to_string));
            writer.write_row(&fields)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::CountTableOptions;

    #[test]
    fn test_write_tsv() -> crate::Result<()> {
        let text = b"Geneid\tChr\tStart\tEnd\tStrand\tLength\tgene_name\ta.bam\tb.bam\n\
            g1\tchr1\t11\t20\t+\t10\tAAA\t3\t0\n\
            g2\tchr2\t5\t9\t-\t5\tBBB\t1\t8\n\
            __no_feature\t\t\t\t\t\t\t9\t2\n";
        let table = CountTable::from_reader(&text[..], "fc", &CountTableOptions::default())?;
        let mut out = Vec::new();
        table.write_tsv(&mut out).map_err(|e| crate::Error::io("out", e))?;
        let back = CountTable::from_reader(&out[..], "back", &CountTableOptions::default())?;
        assert_eq!(back.genes(), table.genes());
        assert_eq!(back.samples(), table.samples());
        assert_eq!(back.counts(), table.counts());
        assert_eq!(back.annotation_columns(), table.annotation_columns());
        for column in table.annotation_columns() {
            assert_eq!(back.annotation(column), table.annotation(column));
        }
        assert_eq!(back.special_rows().collect::<Vec<_>>(), table.special_rows().collect::<Vec<_>>());
        Ok(())
    }

    #[test]
    fn test_write_tsv_leading_quote() -> crate::Result<()> {
        // write_tsv never quotes, so a value starting with `"` must read back literally.
        let text = b"id\tdescription\ts1\ng1\t\"\"\"A\"\" kinase\"\t4\ng2\t\"open\t0\n";
        let table = CountTable::from_reader(&text[..], "t", &CountTableOptions::default())?;
        assert_eq!(table.annotation("description"), Some(&["\"A\" kinase".to_string(), "\"open".into()][..]));
        let mut out = Vec::new();
        table.write_tsv(&mut out).map_err(|e| crate::Error::io("out", e))?;
        assert_eq!(out, b"gene_id\tdescription\ts1\ng1\t\"A\" kinase\t4\ng2\t\"open\t0\n");
        let back = CountTable::from_reader(&out[..], "back", &CountTableOptions::default())?;
        assert_eq!(back.annotation("description"), table.annotation("description"));
        assert_eq!((back.genes(), back.counts()), (table.genes(), table.counts()));
        Ok(())
    }

    #[test]
    fn test_write_tsv_rejects_tab() -> crate::Result<()> {
        // The header holds a tab, so the comma must be forced.
        let text = b"id,\"tab\there\"\ng1,1\n";
        let options = CountTableOptions::default().delimiter(b',');
        let table = CountTable::from_reader(&text[..], "t", &options)?;
        assert_eq!(table.samples(), ["tab\there"]);
        let err = table.write_tsv(Vec::new()).err().map(|e| e.kind());
        assert_eq!(err, Some(io::ErrorKind::InvalidInput));
        Ok(())
    }
}
