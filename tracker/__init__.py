"""DPRK launches and UN Security Council actions: dataset, validator and dashboard."""

__version__ = "0.1.0"
