//! timeline (being written).
