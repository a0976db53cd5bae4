package gitlabtest_test

import (
	"testing"

	"github.com/golab/gitlab/test/gitlabtest"
)

const testGPGKey = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEZfakeKeyForTests\n-----END PGP PUBLIC KEY BLOCK-----"

// Signed commits: https://docs.gitlab.com/api/commits/#get-signature-of-a-commit.
func TestCommitSignatures(t *testing.T) {
	s := gitlabtest.NewServer(t, gitlabtest.WithSeed())
	const p = "/projects/1/repository/commits/"
	// A commit by the administrator through the API: unsigned.
	cm := do(t, s, "POST", "/projects/1/repository/commits", tok(admin), jsonBody(map[string]any{"branch": "main",
		"commit_message": "signed", "actions": []any{map[string]any{"action": "create", "file_path": "s.txt", "content": "s"}}})).
		expect(t, 201, "").obj(t)
	sha := cm["id"].(string)
	do(t, s, "GET", p+sha+"/signature", tok(admin)).expect(t, 404, `{"message":"404 Signature Not Found"}`)

	adminGPG := do(t, s, "POST", "/users/1/gpg_keys", tok(admin), form("key", testGPGKey)).expect(t, 201, "").obj(t)
	bobGPG := do(t, s, "POST", "/user/gpg_keys", tok(gitlabtest.SeedBobToken), form("key", testGPGKey+"\n")).expect(t, 201, "").obj(t)
	signing := do(t, s, "POST", "/users/1/keys", tok(admin), form("title", "sign", "key", "ssh-ed25519 AAAAsign", "usage_type", "signing")).
		expect(t, 201, "").obj(t)
	auth := do(t, s, "POST", "/users/1/keys", tok(admin), form("title", "auth", "key", "ssh-ed25519 AAAAauth", "usage_type", "auth")).
		expect(t, 201, "").obj(t)
	id := func(o map[string]any) int { return int(o["id"].(float64)) }

	for _, tc := range []struct {
		name string
		sig  gitlabtest.CommitSignature
		want map[string]any // attributes of the answer
	}{
		{"the author's GPG key", gitlabtest.CommitSignature{KeyID: id(adminGPG)}, map[string]any{"signature_type": "PGP",
			"verification_status": "verified", "gpg_key_id": adminGPG["id"], "gpg_key_user_email": cm["author_email"],
			"gpg_key_subkey_id": nil, "commit_source": "gitaly"}},
		{"another user's GPG key", gitlabtest.CommitSignature{Type: "PGP", KeyID: id(bobGPG)}, map[string]any{
			"verification_status": "other_user", "gpg_key_id": bobGPG["id"], "gpg_key_user_name": "Bob Builder", "gpg_key_user_email": "bob@example.com"}},
		{"a key GitLab does not know", gitlabtest.CommitSignature{KeyID: 999}, map[string]any{
			"signature_type": "PGP", "verification_status": "unknown_key", "gpg_key_id": nil, "gpg_key_user_email": nil}},
		{"the author's SSH signing key", gitlabtest.CommitSignature{Type: "SSH", KeyID: id(signing)}, map[string]any{
			"signature_type": "SSH", "verification_status": "verified"}},
		{"a status set", gitlabtest.CommitSignature{Type: "SSH", KeyID: id(signing), Status: "revoked_key"}, map[string]any{
			"signature_type": "SSH", "verification_status": "revoked_key"}},
		{"an X.509 certificate of the author", gitlabtest.CommitSignature{Type: "X509"}, map[string]any{
			"signature_type": "X509", "verification_status": "verified"}},
		{"an X.509 certificate of another address", gitlabtest.CommitSignature{Type: "X509", Email: "eve@example.com"}, map[string]any{
			"signature_type": "X509", "verification_status": "unverified"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.SignCommit(1, sha, tc.sig); err != nil {
				t.Fatal(err)
			}
			got := do(t, s, "GET", p+sha+"/signature", tok(admin)).expect(t, 200, "").obj(t)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v (%v)", k, got[k], v, got)
				}
			}
			switch tc.sig.Type {
			case "SSH":
				if key, _ := got["key"].(map[string]any); key["id"] != signing["id"] || key["usage_type"] != "signing" || key["key"] != "ssh-ed25519 AAAAsign" {
					t.Errorf("key %v", got["key"])
				}
			case "X509":
				cert, _ := got["x509_certificate"].(map[string]any)
				issuer, _ := cert["x509_issuer"].(map[string]any)
				want := tc.sig.Email
				if want == "" {
					want = cm["author_email"].(string)
				}
				if cert["email"] != want || cert["certificate_status"] != "good" || issuer["crl_url"] == nil {
					t.Errorf("certificate %v", cert)
				}
				if _, isNumber := cert["serial_number"].(float64); !isNumber {
					t.Errorf("serial_number %#v is not a number", cert["serial_number"])
				}
			default:
				if k, _ := got["gpg_key_primary_keyid"].(string); len(k) != 16 {
					t.Errorf("gpg_key_primary_keyid %q", k)
				}
			}
		})
	}
	// The signature is the commit's: a branch naming it, and a fork, see it.
	if sig := do(t, s, "GET", p+"main/signature", tok(admin)).expect(t, 200, "").obj(t); sig["signature_type"] != "X509" {
		t.Fatalf("by branch: %v", sig)
	}
	fork := do(t, s, "POST", "/projects/1/fork", tok(gitlabtest.SeedAliceToken), form("path", "signed-fork")).expect(t, 201, "").obj(t)
	do(t, s, "GET", "/projects/"+anyInt(fork["id"])+"/repository/commits/"+sha+"/signature", tok(gitlabtest.SeedAliceToken)).expect(t, 200, "")
	// The commit before it is still unsigned.
	do(t, s, "GET", p+cm["parent_ids"].([]any)[0].(string)+"/signature", tok(admin)).expect(t, 404, "")

	for _, bad := range []struct {
		project int
		ref     string
		sig     gitlabtest.CommitSignature
	}{
		{99, sha, gitlabtest.CommitSignature{}},
		{1, "no-such-ref", gitlabtest.CommitSignature{}},
		{1, sha, gitlabtest.CommitSignature{Type: "S/MIME"}},
		{1, sha, gitlabtest.CommitSignature{Status: "trusted"}},
		{1, sha, gitlabtest.CommitSignature{Type: "SSH", KeyID: id(auth)}}, // an authentication key does not sign
	} {
		if err := s.SignCommit(bad.project, bad.ref, bad.sig); err == nil {
			t.Errorf("SignCommit(%d, %q, %+v) succeeded", bad.project, bad.ref, bad.sig)
		}
	}
}
