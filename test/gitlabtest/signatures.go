package gitlabtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Signed commits (https://docs.gitlab.com/api/commits/#get-signature-of-a-commit).
// GitLab reads a commit's signature from the git object, made by the
// committer's own key where it pushed; commits made through the API are
// unsigned. The fake's commits are unsigned likewise, and SignCommit gives
// one a signature, as a push of a signed commit would: GET
// /projects/:id/repository/commits/:sha/signature then answers GitLab's
// entity for its type (PGP, SSH or X509) instead of 404 Signature Not
// Found. The signature belongs to the commit, so every repository holding
// that commit (a fork) shows it.

// CommitSignature is the signature SignCommit gives a commit.
type CommitSignature struct {
	// Type is the signature_type: "PGP" (the default), "SSH" or "X509".
	Type string
	// KeyID is the signer's key: for PGP the ID of a user's GPG key
	// (/users/:id/gpg_keys), for SSH of a user's SSH key (/users/:id/keys)
	// whose usage_type allows signing. 0, or a key no user has, is a key
	// GitLab does not know (verification_status unknown_key). X509 ignores it.
	KeyID int
	// Email is the e-mail address of an X509 certificate (default: the
	// commit's author's).
	Email string
	// Status sets the verification_status; when empty it is "verified" if
	// the signer is the commit's author (the key's owner has the commit's
	// e-mail as primary or secondary address, or the certificate's e-mail is
	// the commit's), else "other_user" (PGP, SSH) or "unverified" (X509).
	Status string
}

// verificationStatuses are the values of verification_status GitLab
// documents (https://docs.gitlab.com/api/commits/#get-signature-of-a-commit,
// https://docs.gitlab.com/user/project/repository/signed_commits/).
var verificationStatuses = []string{"unverified", "unverified_key", "verified", "same_user_different_email",
	"other_user", "unknown_key", "multiple_signatures", "revoked_key", "verified_system", "unverified_author_email", "verified_ca"}

// SignCommit signs the commit that ref (a sha, a branch or a tag) names in
// the project's repository with sig. It fails for an unknown project,
// commit, signature type or status, and for an SSH key that may not sign
// (usage_type auth).
func (s *Server) SignCommit(projectID int, ref string, sig CommitSignature) error {
	s.lock()
	defer s.mu.Unlock()
	p := s.st.projectByID[projectID]
	if p == nil {
		return fmt.Errorf("gitlabtest: SignCommit: no project %d", projectID)
	}
	cm := s.refCommit(p, s.repoOf(p), ref)
	if cm == nil {
		return fmt.Errorf("gitlabtest: SignCommit: no commit %q in project %d", ref, projectID)
	}
	if sig.Status != "" && !slices.Contains(verificationStatuses, sig.Status) {
		return fmt.Errorf("gitlabtest: SignCommit: unknown verification status %q", sig.Status)
	}
	var out map[string]any
	var err error
	switch strings.ToUpper(sig.Type) {
	case "", "PGP":
		out = s.pgpSignature(cm, sig)
	case "SSH":
		out, err = s.sshSignature(cm, sig)
	case "X509":
		out = s.x509Signature(cm, sig)
	default:
		return fmt.Errorf("gitlabtest: SignCommit: unknown signature type %q", sig.Type)
	}
	if err != nil {
		return err
	}
	if sig.Status != "" {
		out["verification_status"] = sig.Status
	}
	out["commit_source"] = "gitaly"
	if s.st.act.signatures == nil {
		s.st.act.signatures = map[string]map[string]any{}
	}
	s.st.act.signatures[cm.id] = out
	return nil
}

// userKey finds a key of a user's collection (user_gpg_key, user_key) by
// ID, and its owner.
func (s *Server) userKey(spec string, id int) (*user, *item) {
	if id == 0 {
		return nil, nil
	}
	for _, u := range s.st.users {
		for _, it := range s.storeItems(spec, strconv.Itoa(u.id)) {
			if it.id == id {
				return u, it
			}
		}
	}
	return nil, nil
}

// authoredBy reports whether the commit's e-mail is one of u's addresses.
func (s *Server) authoredBy(cm *commit, u *user) bool {
	if strings.EqualFold(u.str("email"), cm.email) {
		return true
	}
	return slices.ContainsFunc(s.storeItems("user_email", strconv.Itoa(u.id)), func(it *item) bool {
		return strings.EqualFold(it.str("email"), cm.email)
	})
}

// signerStatus is the derived verification_status of a key signature.
func (s *Server) signerStatus(cm *commit, owner *user) string {
	switch {
	case owner == nil:
		return "unknown_key"
	case s.authoredBy(cm, owner):
		return "verified"
	}
	return "other_user"
}

// pgpSignature: GitLab's GPG commit signature entity.
func (s *Server) pgpSignature(cm *commit, sig CommitSignature) map[string]any {
	owner, key := s.userKey("user_gpg_key", sig.KeyID)
	out := map[string]any{"signature_type": "PGP", "verification_status": s.signerStatus(cm, owner),
		"gpg_key_id": nil, "gpg_key_primary_keyid": keyFingerprint(strconv.Itoa(sig.KeyID))[:16],
		"gpg_key_user_name": nil, "gpg_key_user_email": nil, "gpg_key_subkey_id": nil}
	if key != nil {
		out["gpg_key_id"] = key.id
		out["gpg_key_primary_keyid"] = keyFingerprint(key.str("key"))[:16]
		out["gpg_key_user_name"] = owner.str("name")
		out["gpg_key_user_email"] = owner.str("email")
	}
	return out
}

// sshSignature: GitLab's SSH commit signature entity, with the key.
func (s *Server) sshSignature(cm *commit, sig CommitSignature) (map[string]any, error) {
	owner, key := s.userKey("user_key", sig.KeyID)
	out := map[string]any{"signature_type": "SSH", "verification_status": s.signerStatus(cm, owner), "key": nil}
	if key != nil {
		if !strings.Contains(key.str("usage_type"), "signing") {
			return nil, fmt.Errorf("gitlabtest: SignCommit: SSH key %d is for authentication only", sig.KeyID)
		}
		k := map[string]any{}
		for _, f := range []string{"id", "title", "created_at", "expires_at", "key", "usage_type"} {
			k[f] = key.obj[f]
		}
		out["key"] = k
	}
	return out, nil
}

// x509Signature: GitLab's X.509 commit signature entity, with a
// certificate for the e-mail, issued by the fake's CA.
func (s *Server) x509Signature(cm *commit, sig CommitSignature) map[string]any {
	email := sig.Email
	if email == "" {
		email = cm.email
	}
	status := "unverified"
	if strings.EqualFold(email, cm.email) {
		status = "verified"
	}
	fp := keyFingerprint(email)
	serial, _ := new(big.Int).SetString(fp[:32], 16)
	s.st.act.certificates++
	return map[string]any{"signature_type": "X509", "verification_status": status,
		"x509_certificate": map[string]any{
			"id": s.st.act.certificates, "subject": "CN=" + email + ",O=Example", "subject_key_identifier": colonHex(fp[:40]),
			"email": email, "serial_number": json.Number(serial.String()), "certificate_status": "good",
			"x509_issuer": map[string]any{"id": 1, "subject": "CN=gitlabtest CA,O=Example",
				"subject_key_identifier": colonHex(keyFingerprint("gitlabtest CA")[:40]), "crl_url": "https://example.com/ca.crl"},
		}}
}

// keyFingerprint is a stable upper-case hex digest of a key's text.
func keyFingerprint(key string) string {
	sum := sha256.Sum256([]byte(key))
	return strings.ToUpper(hex.EncodeToString(sum[:]))
}

// colonHex writes hex digits in colon-separated pairs ("AB:CD:...").
func colonHex(h string) string {
	pairs := make([]string, 0, len(h)/2)
	for i := 0; i+1 < len(h); i += 2 {
		pairs = append(pairs, h[i:i+2])
	}
	return strings.Join(pairs, ":")
}

// commitSignature: https://docs.gitlab.com/api/commits/#get-signature-of-a-commit
// (the signature SignCommit gave the commit; 404 for an unsigned commit).
func (s *Server) commitSignature(c *call) *apiError {
	_, _, cm, e := s.commitFor(c, false)
	if e != nil {
		return e
	}
	sig := s.st.act.signatures[cm.id]
	if sig == nil {
		return notFound("Signature")
	}
	return c.value(http.StatusOK, sig)
}
