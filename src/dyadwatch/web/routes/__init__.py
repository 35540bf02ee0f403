"""The app's routes, one module per concern: data, analysis, write (upload) and pages."""
