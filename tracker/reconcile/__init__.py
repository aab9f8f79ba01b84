"""`python -m tracker reconcile`: line the launch rows up with the CNS and CSIS databases and list every difference.

sources.py reads the databases into dated records, match.py pairs their days with ours and finds the differences,
decisions.py says which differences a reviewed decision explains, report.py prints them, runs.py records a run.
Imports neither dash nor plotly.
"""
