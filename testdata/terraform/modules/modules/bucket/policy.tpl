{"Resource": "arn:aws:s3:::acme-${bucket}/*"}
