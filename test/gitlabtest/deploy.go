package gitlabtest

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Deploy keys (https://docs.gitlab.com/api/deploy_keys/) are items of
// deploy_key, the instance's list; a project's deploy keys are links in
// project_key with the same ids, so one key serves several projects.
// Deploy tokens (https://docs.gitlab.com/api/deploy_tokens/) are items of
// project_deploy_token and group_deploy_token, listed together by
// deploy_token.

// keyFingerprints are the MD5 and SHA256 fingerprints of a public key's
// data (the base64 field; the whole text when it has none).
func keyFingerprints(key string) (md5hex, sha string) {
	data := []byte(key)
	if f := strings.Fields(key); len(f) >= 2 {
		if b, err := base64.StdEncoding.DecodeString(f[1]); err == nil {
			data = b
		}
	}
	m := md5.Sum(data)
	var parts []string
	for _, b := range m {
		parts = append(parts, hex.EncodeToString([]byte{b}))
	}
	s := sha256.Sum256(data)
	return strings.Join(parts, ":"), "SHA256:" + base64.RawStdEncoding.EncodeToString(s[:])
}

// deployKeyObj is a key as the instance's list shows it.
func deployKeyObj(title, key string, expires any) map[string]any {
	fp, fp256 := keyFingerprints(key)
	return map[string]any{"title": title, "key": key, "fingerprint": fp, "fingerprint_sha256": fp256,
		"expires_at": expires, "usage_type": "auth", "projects_with_write_access": []any{},
		"projects_with_readonly_access": []any{}}
}

// deployKeyHooks: administrators list and create the instance's keys,
// which are public; public=true lists those only
// (https://docs.gitlab.com/api/deploy_keys/#list-all-deploy-keys).
func deployKeyHooks() *hooks {
	return &hooks{
		canRead:  adminRead,
		canWrite: adminWrite,
		create: func(c *call, sc *scope, obj map[string]any) *apiError {
			for _, k := range itemsOf(c.s.collOf("deploy_key")) {
				if k.str("key") == anyString(obj["key"]) {
					return fieldErr("fingerprint_sha256", "has already been taken")
				}
			}
			for k, v := range deployKeyObj(anyString(obj["title"]), anyString(obj["key"]), obj["expires_at"]) {
				obj[k] = v
			}
			return nil
		},
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			public, ok, e := c.p.boolean("public")
			if e != nil || !ok || !public {
				return items, e
			}
			var out []*item
			for _, it := range items {
				if it.ext != "project" {
					out = append(out, it)
				}
			}
			return out, nil
		},
	}
}

// refreshDeployKey lists the projects that use a key, with and without
// write access.
func (s *Server) refreshDeployKey(k *item) {
	rw, ro := []any{}, []any{}
	for _, p := range s.st.projects {
		link := s.collOf("project_key", pid(p))
		if link == nil || link.byKey[k.key] == nil {
			continue
		}
		short := map[string]any{"id": p.id, "name": p.name, "path": p.path, "path_with_namespace": p.fullPath,
			"name_with_namespace": gjsonString(p.doc.raw, "name_with_namespace"), "created_at": p.createdAt}
		if link.byKey[k.key].obj["can_push"] == true {
			rw = append(rw, short)
		} else {
			ro = append(ro, short)
		}
	}
	k.obj["projects_with_write_access"], k.obj["projects_with_readonly_access"] = rw, ro
	k.render()
}

func (s *Server) registerDeployRoutes() {
	s.handle("POST /projects/{id}/deploy_keys", s.addProjectKey, needAuth)
	s.handle("POST /projects/{id}/deploy_keys/{key_id}/enable", s.enableProjectKey, needAuth)
	s.handle("POST /projects/{id}/deploy_tokens", s.createDeployToken("project_deploy_token"), needAuth)
	s.handle("POST /groups/{id}/deploy_tokens", s.createDeployToken("group_deploy_token"), needAuth)
}

// linkKey adds the key to the project's deploy keys.
func (c *call) linkKey(p *project, k *item, canPush bool) *item {
	col := c.s.collOf("project_key", pid(p))
	if col == nil {
		col = newColl()
		c.s.st.colls[collKey(kindOf("project_key"), []string{pid(p)})] = col
	}
	obj := map[string]any{"id": k.id, "can_push": canPush}
	for _, f := range []string{"title", "key", "fingerprint", "fingerprint_sha256", "created_at", "expires_at", "usage_type"} {
		obj[f] = k.obj[f]
	}
	it := &item{key: k.key, id: k.id, obj: obj}
	it.render()
	col.add(it)
	c.s.refreshDeployKey(k)
	return it
}

// addProjectKey: https://docs.gitlab.com/api/deploy_keys/#add-deploy-key-for-a-project
// (a key already known to the instance is reused, with its id; 400 when the
// project has it; 201).
func (s *Server) addProjectKey(c *call) *apiError {
	if e := c.checkAttrs([]string{"title", "key"}, nil, func(string) bool { return false }); e != nil {
		return e
	}
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	canPush, _, e := c.p.boolean("can_push")
	if e != nil {
		return e
	}
	var k *item
	for _, x := range itemsOf(s.collOf("deploy_key")) {
		if x.str("key") == c.p.get("key") {
			k = x
		}
	}
	if k == nil {
		if k, e = c.put("deploy_key", nil, nil, map[string]any{"title": c.p.get("title"), "key": c.p.get("key"),
			"expires_at": c.p["expires_at"]}); e != nil {
			return e
		}
		k.ext = "project" // made for the project: it goes with its last project
	} else if col := s.collOf("project_key", pid(p)); col != nil && col.byKey[k.key] != nil {
		return fieldErr("deploy_key.fingerprint_sha256", "has already been taken")
	}
	it := c.linkKey(p, k, canPush)
	return c.doc(http.StatusCreated, &it.doc)
}

// enableProjectKey: https://docs.gitlab.com/api/deploy_keys/#enable-a-deploy-key
// (a key of the instance, read-only; 201 with the key, the same when
// already enabled).
func (s *Server) enableProjectKey(c *call) *apiError {
	p, e := s.projectFor(c, true)
	if e != nil {
		return e
	}
	keys := s.collOf("deploy_key")
	if keys == nil || keys.byKey[c.args[1]] == nil {
		return notFound("Deploy Key")
	}
	k := keys.byKey[c.args[1]]
	if col := s.collOf("project_key", pid(p)); col != nil && col.byKey[k.key] != nil {
		return c.doc(http.StatusCreated, &col.byKey[k.key].doc)
	}
	it := c.linkKey(p, k, false)
	return c.doc(http.StatusCreated, &it.doc)
}

// projectKeyHooks: updates change the title (of the key itself) and
// can_push; removing the last link removes the key
// (https://docs.gitlab.com/api/deploy_keys/#delete-deploy-key).
func projectKeyHooks() *hooks {
	global := func(c *call, key string) *item {
		if col := c.s.collOf("deploy_key"); col != nil {
			return col.byKey[key]
		}
		return nil
	}
	return &hooks{
		notFound: notFound("Deploy Key"),
		update: func(c *call, sc *scope, it *item, fields map[string]any) *apiError {
			if v, ok, e := c.p.boolean("can_push"); e != nil {
				return e
			} else if ok {
				it.obj["can_push"] = v
			}
			k := global(c, it.key)
			for _, f := range []string{"title", "expires_at"} {
				if v, ok := c.p[f]; ok {
					it.obj[f] = v
					if k != nil {
						k.obj[f] = v
					}
				}
			}
			if k != nil {
				c.s.refreshDeployKey(k)
			}
			return nil
		},
		delete: func(c *call, sc *scope, it *item) *apiError {
			c.collFor(sc, true).remove(it.key)
			k := global(c, it.key)
			if k == nil {
				return nil
			}
			c.s.refreshDeployKey(k)
			rw, _ := k.obj["projects_with_write_access"].([]any)
			ro, _ := k.obj["projects_with_readonly_access"].([]any)
			if len(rw)+len(ro) == 0 && k.ext == "project" {
				c.s.collOf("deploy_key").remove(k.key)
			}
			return nil
		},
	}
}

// deployScopes are the scopes a deploy token may have
// (https://docs.gitlab.com/user/project/deploy_tokens/#scope).
var deployScopes = []string{"read_repository", "read_registry", "write_registry", "read_package_registry",
	"write_package_registry", "read_virtual_registry", "write_virtual_registry"}

// createDeployToken: https://docs.gitlab.com/api/deploy_tokens/#create-a-project-deploy-token
// (name and valid scopes; username gitlab+deploy-token-<id> unless given;
// the token is shown in this answer only; 201).
func (s *Server) createDeployToken(spec string) handler {
	return func(c *call) *apiError {
		if e := c.checkAttrs([]string{"name", "scopes"}, nil, func(string) bool { return false }); e != nil {
			return e
		}
		scopes, _ := c.p.list("scopes")
		if len(scopes) == 0 {
			return fieldErr("scopes", "can't be blank")
		}
		for _, sc := range scopes {
			if !slices.Contains(deployScopes, sc) {
				return errErr(http.StatusBadRequest, "scopes does not have a valid value")
			}
		}
		k := kindOf(spec)
		sc, e := c.resolve(k, c.args[:1])
		if e != nil {
			return e
		}
		if e := c.canWrite(k, sc, nil); e != nil {
			return e
		}
		obj := map[string]any{"name": c.p.get("name"), "username": c.p["username"], "expires_at": c.p["expires_at"],
			"revoked": false, "expired": false, "scopes": scopes}
		it, e := c.newItem(k, sc, obj)
		if e != nil {
			return e
		}
		delete(it.obj, "project_id")
		delete(it.obj, "group_id")
		delete(it.obj, "updated_at")
		if it.obj["username"] == nil || it.obj["username"] == "" {
			it.obj["username"] = "gitlab+deploy-token-" + strconv.Itoa(it.id)
		}
		it.render()
		sum := sha1.Sum([]byte("deploy-token\x00" + spec + "\x00" + it.key))
		shown := map[string]any{"token": "gldt-" + hex.EncodeToString(sum[:10])}
		for k, v := range it.obj {
			shown[k] = v
		}
		return c.value(http.StatusCreated, shown)
	}
}

// allDeployTokenHooks list every project and group deploy token, for
// administrators; active=true keeps those neither revoked nor expired
// (https://docs.gitlab.com/api/deploy_tokens/#list-all-deploy-tokens).
func allDeployTokenHooks() *hooks {
	return &hooks{
		canRead: adminRead,
		list: func(c *call, sc *scope, items []*item) ([]*item, *apiError) {
			all := slices.Clone(items)
			for _, spec := range []string{"project_deploy_token", "group_deploy_token"} {
				prefix := kindOf(spec).path + "|"
				for key, col := range c.s.st.colls {
					if strings.HasPrefix(key, prefix) {
						all = append(all, col.items...)
					}
				}
			}
			slices.SortStableFunc(all, func(a, b *item) int { return a.id - b.id })
			active, ok, e := c.p.boolean("active")
			if e != nil || !ok || !active {
				return all, e
			}
			return slices.DeleteFunc(all, func(it *item) bool { return it.obj["revoked"] == true || it.obj["expired"] == true }), nil
		},
	}
}
