package config

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/govaudit/govaudit/notify"
)

// notify decodes the notify: section. The rules of a receiver live in
// notify.Receiver.Check; this reads the YAML types and puts each problem
// Check finds on the line of the key it names.
func (d *decoder) notify(n *notify.Config, path string, v *yaml.Node) {
	if !d.mapping(path, v, "a mapping with base_url and receivers") {
		return
	}
	d.fields(path, v, []field{
		{"base_url", func(path string, v *yaml.Node) {
			s, ok := d.text(path, v, "govaudit's address such as http://govaudit.example.gov.cn:9464")
			if !ok {
				return
			}
			if msg := notify.CheckBaseURL(s); msg != "" {
				d.errorf(v, "%s: %q %s", path, s, msg)
				return
			}
			n.BaseURL = s
		}},
		{"webhook_token", func(path string, v *yaml.Node) {
			s, ok := d.text(path, v, "a token Alertmanager sends as its bearer credentials")
			if !ok {
				return
			}
			// A header value cannot hold control characters or spaces
			// around it.
			if strings.IndexFunc(s, unicode.IsControl) >= 0 || strings.TrimSpace(s) != s {
				d.errorf(v, "%s: expected a single line without surrounding spaces", path)
				return
			}
			n.WebhookToken = s
		}},
		{"attempts", d.intSetting("notify.attempts", &n.Attempts)},
		{"backoff", d.durationSetting("notify.backoff", &n.Backoff)},
		{"timeout", d.durationSetting("notify.timeout", &n.Timeout)},
		{"receivers", func(path string, v *yaml.Node) {
			n.Receivers = d.receivers(path, v)
		}},
	})
	if len(n.Receivers) > 0 && n.BaseURL == "" {
		d.warnf(v, "%s: no base_url; messages link to scorecards only if Prometheus sets the govaudit_url external label", path)
	}
}

// receivers decodes the list of receivers; names are compared across it.
func (d *decoder) receivers(path string, n *yaml.Node) []notify.Receiver {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s: expected a list of receivers, got %s", path, describe(n))
		return nil
	}
	var out []notify.Receiver
	names := map[string]siteRef{}
	for i, item := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		item = resolve(item)
		if item == nil || item.Kind != yaml.MappingNode {
			d.errorf(n.Content[i], "%s: expected a receiver (a mapping with name, kind and url, or host for email), got %s", p, describe(item))
			continue
		}
		r, nameNode := d.receiver(p, item)
		if nameNode != nil && r.Name != "" {
			if first, dup := names[r.Name]; dup {
				d.errorf(nameNode, "%s.name: duplicate receiver name %q; %s at line %d has it too", p, r.Name, first.path, first.line)
			} else {
				names[r.Name] = siteRef{p, nameNode.Line}
			}
		}
		out = append(out, r)
	}
	return out
}

// receiver decodes one receiver and reports what notify.Receiver.Check
// finds, each problem at the value it is about (or at the receiver when
// the key is missing). It also returns the name's node.
func (d *decoder) receiver(path string, n *yaml.Node) (notify.Receiver, *yaml.Node) {
	var r notify.Receiver
	values := map[string]*yaml.Node{} // key → value node, for positions
	bad := map[string]bool{}          // keys whose value had the wrong type
	str := func(dst *string, what string) func(string, *yaml.Node) {
		return func(p string, v *yaml.Node) {
			key := p[strings.LastIndexByte(p, '.')+1:]
			values[key] = v
			s, ok := d.text(p, v, what)
			if !ok {
				bad[key] = true
				return
			}
			*dst = s
		}
	}
	var kind, tlsMode string
	d.fields(path, n, []field{
		{"name", str(&r.Name, "a name of lowercase letters a-z, digits, - and _")},
		{"kind", str(&kind, "dingtalk, wecom, feishu or email")},
		{"url", str(&r.URL, "the robot's webhook address")},
		{"secret", str(&r.Secret, "the robot's signing secret")},
		{"host", str(&r.Host, "the smtp server's host name")},
		{"port", func(p string, v *yaml.Node) {
			values["port"] = v
			if port, ok := d.integer(p, v, 1, 65535); ok {
				r.Port = int(port)
			} else {
				bad["port"] = true
			}
		}},
		{"username", str(&r.Username, "the smtp user name")},
		{"password", str(&r.Password, "the smtp password")},
		{"password_file", str(&r.PasswordFile, "the path of a file holding the smtp password")},
		{"from", str(&r.From, "the sender address")},
		{"to", func(p string, v *yaml.Node) {
			values["to"] = v
			if v.Kind != yaml.SequenceNode {
				d.errorf(v, "%s: expected a list of addresses such as [office@example.gov.cn], got %s", p, describe(v))
				bad["to"] = true
				return
			}
			for i, item := range v.Content {
				if s, ok := d.text(fmt.Sprintf("%s[%d]", p, i), item, "an email address"); ok {
					r.To = append(r.To, s)
				} else {
					bad["to"] = true
				}
			}
		}},
		{"tls", str(&tlsMode, "starttls, tls or none")},
	})
	r.Kind, r.TLS = notify.Kind(kind), notify.TLSMode(tlsMode)
	for _, fe := range r.Check() {
		key, index, _ := strings.Cut(fe.Field, "[")
		if bad[key] {
			continue // already reported with its type
		}
		at := n
		if v, ok := values[key]; ok {
			at = v
			if i, err := strconv.Atoi(strings.TrimSuffix(index, "]")); err == nil && v.Kind == yaml.SequenceNode && i < len(v.Content) {
				at = v.Content[i]
			}
		}
		msg := fe.Msg
		if key == "kind" && kind != "" {
			var kinds []string
			for _, k := range notify.Kinds {
				kinds = append(kinds, string(k))
			}
			msg += didYouMean(kind, kinds)
		}
		d.errorf(at, "%s.%s: %s", path, fe.Field, msg)
	}
	return r, values["name"]
}
