variable "names" {
  type    = list(string)
  default = ["logs", "data"]
}

# Set by nothing: count and for_each built from it are unknown.
variable "unset" {}

variable "rules" {
  default = [
    { port = 22, cidrs = ["0.0.0.0/0"] },
    { port = 443, cidrs = ["10.0.0.0/8"] },
  ]
}

locals {
  buckets = {
    beta  = { acl = "public-read" }
    alpha = { acl = "private" }
  }
}
