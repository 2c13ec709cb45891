resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      cidr_blocks = ingress.value.cidrs
      description = "rule ${ingress.key}"
    }
  }

  egress {
    from_port = 0
  }

  dynamic "egress" {
    for_each = { https = 443 }
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value

      dynamic "nested" {
        for_each = [rule.value, 8443]
        content {
          port = nested.value
        }
      }
    }
  }

  dynamic "logging" {
    for_each = var.unset
    content {
      enabled = true
    }
  }

  dynamic "timeouts" {
    for_each = []
    content {
      create = "5m"
    }
  }
}
