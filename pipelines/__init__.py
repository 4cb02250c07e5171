"""Item pipelines, in order: normalize, validate, dedupe, store. Thin adapters over newsingest."""
