package managers

import (
	"github.com/golab/gitlab/base"
	"github.com/golab/gitlab/mixins"
)

// FeatureSpec declares /features.
// GitLab API: https://docs.gitlab.com/api/features/
var FeatureSpec = &base.Spec{
	Name:      "features",
	Path:      "/features",
	IDAttr:    "name",
	Ops:       base.OpList | base.OpDelete | base.OpSet,
	SetMethod: "POST",
	DocsURL:   "https://docs.gitlab.com/api/features/",
}

// Feature is a feature flag of the GitLab instance; its ID is its name.
type Feature struct {
	*base.Object
	mixins.ObjectDeleter
}

func newFeature(o *base.Object) *Feature { return &Feature{o, mixins.NewObjectDeleter(o)} }

// FeatureManager manages feature flags (gl.Features): Set creates or
// changes one; gitlab.WithSetAttrs sends GitLab's other body attributes
// with it (user, group, project, namespace, repository, feature_group, key).
type FeatureManager struct {
	*base.Manager[*Feature]
	mixins.Lister[*Feature]
	mixins.Deleter[*Feature]
	mixins.Setter[*Feature]
}

// NewFeatureManager binds FeatureSpec to a core.
func NewFeatureManager(c *base.Core) *FeatureManager {
	m := base.NewManager(c, newFeature)
	return &FeatureManager{m, mixins.NewLister(m), mixins.NewDeleter(m), mixins.NewSetter(m)}
}
