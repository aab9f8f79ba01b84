"""`python -m tracker reconcile`: line the launch rows up with the CNS and CSIS databases and list every difference.

sources.py reads the databases into dated records, match.py pairs their days with ours and finds the differences,
decisions.py says which differences a reviewed decision explains, report.py prints them, runs.py runs it all and
records a run, evidence.py says from the newest run where the evidence ends (the page footer shows it).
Imports neither dash nor plotly.
"""
