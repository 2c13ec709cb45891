package sign

// The KMS providers cosign's own binary registers (its library does not):
// without them kms.Get fails with "unrecognized scheme". Together they add
// 8.6 MB to the tollgate binary (199.7 MB with, 191.2 MB without, measured
// with CGO_ENABLED=0 -trimpath), far less than cosign's pkg/signature
// (+38 MB) that would bring them with its key loading.
import (
	_ "github.com/sigstore/sigstore/pkg/signature/kms/aws"
	_ "github.com/sigstore/sigstore/pkg/signature/kms/azure"
	_ "github.com/sigstore/sigstore/pkg/signature/kms/gcp"
	_ "github.com/sigstore/sigstore/pkg/signature/kms/hashivault"
)
