variable "env" {
  type    = string
  default = "dev"
}

variable "bucket_acl" {
  type    = string
  default = "private"
}

variable "retention_days" {
  type    = number
  default = 7
}

locals {
  name_prefix = "acme-${var.env}"
  encrypted   = false
}
