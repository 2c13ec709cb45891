variable "env" {
  type    = string
  default = "dev"
}

variable "bucket_acl" {
  type    = string
  default = "private"
}

variable "owner" {
  default = "nobody"
}

variable "retention_days" {
  type    = number
  default = 7
}

variable "tags" {
  type = map(string)
  default = {
    project = "shop"
    Owner   = "default"
  }
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["10.1.0.0/16"]
}

variable "sizes" {
  default = {
    dev     = "db.t3.micro"
    staging = "db.t3.large"
  }
}

# No default and set by no values file: unknown.
variable "region" {
  type = string
}

# A credential: never written in the configuration, so unknown.
variable "db_password" {
  sensitive = true
}
