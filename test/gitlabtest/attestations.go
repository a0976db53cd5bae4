package gitlabtest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
)

// Provenance attestations (https://docs.gitlab.com/api/attestations/).
// GitLab makes them itself, from the jobs that build artifacts (SLSA build
// provenance); the API only lists a project's by the artifact's SHA-256
// digest and downloads one, by IID, as a Sigstore bundle. The fake holds
// the ones AddAttestation (or AddObject on /projects/:id/attestations)
// makes, in the generic store, with GitLab's attributes.

// Attestation is what AddAttestation records: the artifact's SHA-256 (hex;
// default one made from the attestation's ID) and the job that built it.
type Attestation struct {
	SubjectDigest string
	BuildID       int
}

// AddAttestation records a provenance attestation of the project and
// answers it as GitLab lists it. Its download is a Sigstore bundle whose
// in-toto statement names the digest, unless AddDownload gives its path
// other content. It panics on an unknown project.
func (s *Server) AddAttestation(projectID int, a Attestation) map[string]any {
	attrs := map[string]any{}
	if a.SubjectDigest != "" {
		attrs["subject_digest"] = a.SubjectDigest
	}
	if a.BuildID != 0 {
		attrs["build_id"] = a.BuildID
	}
	return s.AddObject("/projects/"+strconv.Itoa(projectID)+"/attestations", attrs)
}

// attestationHooks: the attributes of
// https://docs.gitlab.com/api/attestations/#list-all-attestations, the list
// by subject digest, and the download of the bundle
// (https://docs.gitlab.com/api/attestations/#download-an-attestation).
func attestationHooks() *hooks {
	return &hooks{
		notFound: notFound("Attestation"),
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			if obj["subject_digest"] == nil {
				sum := sha256.Sum256([]byte("artifact " + anyString(obj["id"])))
				obj["subject_digest"] = hex.EncodeToString(sum[:])
			}
			if _, given := obj["build_id"]; !given {
				obj["build_id"] = nil
			}
			obj["expire_at"] = ts(c.s.now().AddDate(2, 0, 0))
			obj["status"], obj["predicate_kind"], obj["predicate_type"] = "success", "provenance", slsaProvenance
			obj["download_url"] = urlMarker + apiPrefix + "/projects/" + sc.vals[0] + "/attestations/" + anyString(obj["iid"]) + "/download"
			return nil
		},
		actions: map[string]func(c *call, ac *actionCall) *apiError{
			"for_subject": func(c *call, ac *actionCall) *apiError {
				var list []*item
				if col := c.collFor(ac.sc, false); col != nil {
					for _, it := range col.items {
						if it.str("subject_digest") == ac.path["subject_digest"] {
							list = append(list, it)
						}
					}
				}
				return c.listDocs(len(list), itemDocs(list))
			},
			"download": func(c *call, ac *actionCall) *apiError {
				c.w.Header().Set("Content-Disposition", `attachment; filename="attestation-`+ac.key+`.json"`)
				return c.text(http.StatusOK, "application/octet-stream", sigstoreBundle(ac.it))
			},
		},
	}
}

const slsaProvenance = "https://slsa.dev/provenance/v1"

// sigstoreBundle is the attestation's Sigstore bundle: a DSSE envelope of
// its in-toto statement (https://github.com/sigstore/protobuf-specs,
// https://slsa.dev/spec/v1.0/provenance), signed by nobody real.
func sigstoreBundle(it *item) []byte {
	statement, _ := json.Marshal(map[string]any{
		"_type":         "https://in-toto.io/Statement/v1",
		"subject":       []any{map[string]any{"name": "artifact", "digest": map[string]any{"sha256": it.str("subject_digest")}}},
		"predicateType": slsaProvenance,
		"predicate": map[string]any{"buildDefinition": map[string]any{"buildType": "https://docs.gitlab.com/ci/pipeline_security/slsa/",
			"internalParameters": map[string]any{"build_id": it.obj["build_id"], "project_id": it.obj["project_id"]}}},
	})
	sig := sha256.Sum256(statement)
	out, _ := json.Marshal(map[string]any{
		"mediaType":            "application/vnd.dev.sigstore.bundle.v0.3+json",
		"verificationMaterial": map[string]any{"tlogEntries": []any{}},
		"dsseEnvelope": map[string]any{"payloadType": "application/vnd.in-toto+json",
			"payload":    base64.StdEncoding.EncodeToString(statement),
			"signatures": []any{map[string]any{"sig": base64.StdEncoding.EncodeToString(sig[:])}}},
	})
	return out
}
