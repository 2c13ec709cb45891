package sign_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/tollgate/tollgate/sign"
)

func ExampleBuildVSA() {
	vsa, err := sign.BuildVSA(sign.VSAInput{
		Version:     "1.0.0",
		ResourceURI: "registry.example/app@sha256:0123",
		Policy:      sign.ResourceDescriptor{URI: "https://github.com/tollgate/policies/default"},
		Time:        time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, vsa, "", "  "); err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.String())
	// Output:
	// {
	//   "verifier": {
	//     "id": "https://github.com/tollgate",
	//     "version": {
	//       "tollgate": "1.0.0"
	//     }
	//   },
	//   "timeVerified": "2025-01-02T03:04:05Z",
	//   "resourceUri": "registry.example/app@sha256:0123",
	//   "policy": {
	//     "uri": "https://github.com/tollgate/policies/default"
	//   },
	//   "verificationResult": "PASSED",
	//   "verifiedLevels": [
	//     "TOLLGATE_POLICY_PASSED"
	//   ]
	// }
}

func ExampleSigner_SignImage() {
	ctx := context.Background()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	tag, _ := name.NewTag(strings.TrimPrefix(srv.URL, "http://") + "/app:v1")
	img, _ := random.Image(512, 1)
	if err := remote.Write(tag, img); err != nil {
		log.Fatal(err)
	}

	// Keys as written by `cosign generate-key-pair`.
	priv, pub, err := sign.GenerateKeyPair([]byte("secret"))
	if err != nil {
		log.Fatal(err)
	}
	signer, err := sign.LoadKey(priv, []byte("secret"))
	if err != nil {
		log.Fatal(err)
	}
	signed, err := signer.SignImage(ctx, tag.String()) // the tag is resolved: its digest is signed
	if err != nil {
		log.Fatal(err)
	}
	if err := signer.AttestImage(ctx, signed.Reference, "cyclonedx", []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6"}`)); err != nil {
		log.Fatal(err)
	}

	verifier, err := sign.LoadPublicKey(pub)
	if err != nil {
		log.Fatal(err)
	}
	sigs, err := verifier.VerifyImage(ctx, signed.Reference)
	if err != nil {
		log.Fatal(err)
	}
	boms, err := verifier.VerifyAttestation(ctx, signed.Reference, "cyclonedx")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signatures:", len(sigs), "signed digest is the tag's:", sigs[0].Digest == signed.Digest)
	fmt.Println("signature tag ends in .sig:", strings.HasSuffix(signed.SignatureTag, ".sig"))
	fmt.Println("cyclonedx predicates:", len(boms), string(boms[0]))
	// Output:
	// signatures: 1 signed digest is the tag's: true
	// signature tag ends in .sig: true
	// cyclonedx predicates: 1 {"bomFormat":"CycloneDX","specVersion":"1.6"}
}
