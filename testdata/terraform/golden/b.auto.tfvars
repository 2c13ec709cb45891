# Read after a.auto.tfvars (lexical order): wins over it.
owner          = "team-b"
retention_days = 30
undeclared     = "ignored"
