package gitlabtest_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

// https://docs.gitlab.com/api/attestations/: listed by the artifact's
// digest, downloaded by IID as a Sigstore bundle.
func TestAttestations(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	digest := strings.Repeat("ab", 32)
	a1 := s.AddAttestation(1, gitlabtest.Attestation{SubjectDigest: digest, BuildID: 7})
	s.AddAttestation(1, gitlabtest.Attestation{})
	a3 := s.AddAttestation(1, gitlabtest.Attestation{SubjectDigest: digest})
	if a1["iid"] != 1.0 || a3["iid"] != 3.0 || a1["status"] != "success" || a1["predicate_kind"] != "provenance" ||
		a1["predicate_type"] != "https://slsa.dev/provenance/v1" || a1["build_id"] != 7.0 || a1["expire_at"] == nil ||
		!strings.HasSuffix(a1["download_url"].(string), "/api/v4/projects/1/attestations/1/download") {
		t.Fatalf("attestation %v", a1)
	}
	l := do(t, s, "GET", "/projects/1/attestations/"+digest, tok(admin)).expect(t, 200, "").list(t)
	if len(l) != 2 || l[0]["iid"] != 1.0 || l[1]["iid"] != 3.0 {
		t.Fatalf("by digest: %v", l)
	}
	do(t, s, "GET", "/projects/1/attestations/"+strings.Repeat("cd", 32), tok(admin)).expect(t, 200, "[]")

	dl := do(t, s, "GET", "/projects/1/attestations/1/download", tok(admin)).expect(t, 200, "")
	var bundle struct {
		MediaType    string `json:"mediaType"`
		DSSEEnvelope struct {
			Payload     string `json:"payload"`
			PayloadType string `json:"payloadType"`
		} `json:"dsseEnvelope"`
	}
	if err := json.Unmarshal(dl.body, &bundle); err != nil || !strings.HasPrefix(bundle.MediaType, "application/vnd.dev.sigstore.bundle") {
		t.Fatalf("bundle %s: %v", dl.body, err)
	}
	statement, _ := base64.StdEncoding.DecodeString(bundle.DSSEEnvelope.Payload)
	if !strings.Contains(string(statement), `"sha256":"`+digest+`"`) || bundle.DSSEEnvelope.PayloadType != "application/vnd.in-toto+json" {
		t.Fatalf("statement %s", statement)
	}
	do(t, s, "GET", "/projects/1/attestations/9/download", tok(admin)).expect(t, 404, `{"message":"404 Attestation Not Found"}`)
	do(t, s, "GET", "/projects/99/attestations/1/download", tok(admin)).expect(t, 404, "")
	// AddDownload gives the bundle other content.
	s.AddDownload("/projects/1/attestations/3/download", gitlabtest.Download{Size: 10, Seed: 1})
	if dl := do(t, s, "GET", "/projects/1/attestations/3/download", tok(admin)).expect(t, 200, ""); len(dl.body) != 10 {
		t.Fatalf("%d bytes, want the 10 AddDownload declared", len(dl.body))
	}
}
