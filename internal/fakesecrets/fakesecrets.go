// Package fakesecrets builds credentials that look real to secret
// detectors but are not (random characters in the providers' formats),
// for tests. They are assembled at run time so that no credential-shaped
// string stands in the source (push protection and scanners of this
// repository would rightly flag one).
package fakesecrets

import "strings"

// AWSKeyID is an AWS access key id (aws-access-token).
func AWSKeyID() string { return "AK" + "IA" + "QYLPMN5HHHFPZAM2" }

// AWSKeyID2 is another one, for a second place.
func AWSKeyID2() string { return "AK" + "IA" + "R7WQ3ZKXJT4BNMV6" }

// GitHubPAT is a GitHub classic token (github-pat).
func GitHubPAT() string { return "gh" + "p_" + "k3Jd8sLq0Zr5Tn2Xw7Yc9Vb4Hm1Pa6Ge3Uf8" }

// SlackBot is a Slack bot token (slack-bot-token).
func SlackBot() string {
	return "xo" + "xb-" + "2938475610" + "-" + "5647382910" + "-" + "aB3dE5fG7hJ9kL1mN3pQ5rS7"
}

// GCPKey is a Google API key (gcp-api-key).
func GCPKey() string { return "AI" + "za" + "SyD4k9Qm2Lx7Vb3Nc8Zp1Wr6Ty0Uh5Jg2Fq" }

// StripeKey is a Stripe secret key (stripe-access-token).
func StripeKey() string { return "sk" + "_live_" + "4eC39HqLyjWDarjtT1zdp7dc9Xa2" }

// PrivateKey is a PEM private key (private-key), lines joined by \n.
func PrivateKey() string {
	return strings.Join([]string{
		"-----BEGIN " + "RSA PRIVATE KEY-----",
		"MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6pH7pYb5a0CkR8Kv1c8sdV3Yq",
		"Zp9Lw2Xn4Bc7Dv6Ef5Gh3Ij2Kl1Mn0Op9Qr8St7Uv6Wx5Yz4Ab3Cd2Ef1Gh0Ij9Kl",
		"8Mn7Op6Qr5St4Uv3Wx2Yz1Ab0Cd9Ef8Gh7Ij6Kl5Mn4Op3Qr2St1Uv0Wx9Yz8Ab7",
		"-----END " + "RSA PRIVATE KEY-----",
	}, "\n")
}

// All are the single-line fakes.
func All() []string {
	return []string{AWSKeyID(), AWSKeyID2(), GitHubPAT(), SlackBot(), GCPKey(), StripeKey()}
}
