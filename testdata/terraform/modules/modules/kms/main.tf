variable "alias" {}

resource "aws_kms_key" "this" {
  description         = "key for ${var.alias}"
  enable_key_rotation = path.module == "modules/kms"
}
