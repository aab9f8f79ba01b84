"""Pure figure builders: DataFrames in, `go.Figure` out. No Dash, no I/O."""
