package managers

import "github.com/golab/gitlab/base"

// projectAttestationSpec declares /projects/{project_id}/attestations: the
// SLSA provenance attestations of a project's build artifacts, listed by
// the artifact's SHA-256 digest and downloaded as Sigstore bundles by IID
// (an experiment).
// GitLab API: https://docs.gitlab.com/api/attestations/
var projectAttestationSpec = &base.Spec{
	Name:     "project_attestation",
	Accessor: "Attestations",
	Path:     "/projects/{project_id}/attestations",
	Parent:   "project",
	IDAttr:   "iid",
	DocsURL:  "https://docs.gitlab.com/api/attestations/",
	Actions: []base.Action{
		// https://docs.gitlab.com/api/attestations/#list-all-attestations
		{Name: "for_subject", Method: "GET", Path: "{subject_digest}", OnManager: true, Result: base.ResultList,
			Attrs: base.RequiredOptional{Required: []string{"subject_digest"}}},
		// https://docs.gitlab.com/api/attestations/#download-an-attestation
		{Name: "download", Method: "GET", Result: base.ResultDownload},
	},
}
