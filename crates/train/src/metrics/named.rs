//! Metrics as name → value maps: the form the training log, early stopping (`Monitor`), `metrics.json`
//! and the examples' JSON lines use. Undefined values (a ROC-AUC with one class present, a correlation of
//! constant predictions) are left out of the map rather than written as NaN.

use std::collections::BTreeMap;

use super::{ClassificationMetrics, RegressionMetrics};

impl ClassificationMetrics {
    /// `accuracy, precision, recall, f1, mcc` and, when defined, `roc_auc, pr_auc`.
    pub fn to_map(&self) -> BTreeMap<String, f64> {
        let mut map = BTreeMap::from([
            ("accuracy".to_string(), self.accuracy),
            ("precision".to_string(), self.precision),
            ("recall".to_string(), self.recall),
            ("f1".to_string(), self.f1),
            ("mcc".to_string(), self.mcc),
        ]);
        map.extend(self.roc_auc.map(|v| ("roc_auc".to_string(), v)));
        map.extend(self.pr_auc.map(|v| ("pr_auc".to_string(), v)));
        map
    }
}

impl RegressionMetrics {
    /// `mse, mae` and, when defined, `pearson, spearman, r2`.
    pub fn to_map(&self) -> BTreeMap<String, f64> {
        let mut map = BTreeMap::from([("mse".to_string(), self.mse), ("mae".to_string(), self.mae)]);
        for (name, value) in [("pearson", self.pearson), ("spearman", self.spearman), ("r2", self.r2)] {
            map.extend(value.map(|v| (name.to_string(), v)));
        }
        map
    }
}
