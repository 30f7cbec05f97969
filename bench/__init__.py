"""`make bench`: Dekat and a bare pipeline measured side by side with the same load generator."""
