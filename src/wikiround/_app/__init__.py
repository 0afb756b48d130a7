"""The application layer: the command line, batches on all cores and their conversions."""
