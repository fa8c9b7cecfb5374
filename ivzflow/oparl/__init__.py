"""OParl 1.1, read only, under /oparl/v1/: the published records (ivzflow.publication) as OParl objects."""
