variable "name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}
