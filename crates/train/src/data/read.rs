//! Dataset readers (filled next).
