package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/pipeline/tree"
)

// scriptSample is a small notice in one script: a title, a paragraph, a list.
type scriptSample struct {
	locale, title, body, item string
	words                     []string // must come back from pdftotext as written
}

var scriptSamples = []scriptSample{
	{"hy", "Գաղտնիության ծանուցում",
		"Մենք հարգում ենք ձեր գաղտնիությունը։ Այս ծանուցումը բացատրում է, թե ինչ տվյալներ ենք հավաքում և ինչպես ենք դրանք օգտագործում։",
		"Դուք կարող եք ցանկացած պահի ջնջել ձեր հաշիվը։",
		[]string{"Գաղտնիության", "օգտագործում"}},
	{"ka", "კონფიდენციალურობის შეტყობინება",
		"ჩვენ პატივს ვცემთ თქვენს კონფიდენციალურობას. ეს შეტყობინება განმარტავს, თუ რა მონაცემებს ვაგროვებთ და როგორ ვიყენებთ მათ.",
		"თქვენ შეგიძლიათ ნებისმიერ დროს წაშალოთ თქვენი ანგარიში.",
		[]string{"კონფიდენციალურობის", "ვაგროვებთ"}},
	{"am", "የግላዊነት ማስታወቂያ",
		"የእርስዎን ግላዊነት እናከብራለን። ይህ ማስታወቂያ ምን ዓይነት መረጃ እንደምንሰበስብ እና እንዴት እንደምንጠቀምበት ያብራራል።",
		"መለያዎን በማንኛውም ጊዜ መሰረዝ ይችላሉ።",
		[]string{"ማስታወቂያ", "እንደምንሰበስብ"}},
	{"hi", "गोपनीयता सूचना",
		"हम आपकी गोपनीयता का सम्मान करते हैं। यह सूचना बताती है कि हम कौन सी जानकारी किस लिए एकत्र करते हैं। अंतिम निर्णय आपकी शक्ति में है।",
		"आप किसी भी समय अपना खाता हटा सकते हैं।",
		[]string{"गोपनीयता", "कि", "किस", "अंतिम", "निर्णय", "शक्ति", "किसी"}},
	{"mr", "गोपनीयता सूचना",
		"आम्ही तुमच्या गोपनीयतेचा आदर करतो. ही सूचना स्पष्ट करते की आम्ही कोणती माहिती गोळा करतो आणि तिचा वापर कसा करतो.",
		"तुम्ही कधीही तुमचे खाते हटवू शकता.",
		[]string{"माहिती", "तिचा", "गोपनीयतेचा"}},
	{"ne", "गोपनीयता सूचना",
		"हामी तपाईंको निजी जानकारीको सम्मान गर्छौं। यो सूचनाले हामी कुन विवरण सङ्कलन गर्छौं भनेर बताउँछ।",
		"तपाईं जुनसुकै बेला आफ्नो खाता मेटाउन सक्नुहुन्छ।",
		[]string{"निजी", "जानकारीको", "विवरण"}},
	{"bn", "গোপনীয়তা বিজ্ঞপ্তি",
		"আমরা আপনার গোপনীয়তাকে সম্মান করি। এই বিজ্ঞপ্তিটি ব্যাখ্যা করে যে আমরা কোন তথ্য সংগ্রহ করি এবং কীভাবে তা ব্যবহার করি। আমাদের নীতি ও কৌশল বৈধ এবং স্পষ্ট।",
		"আপনি যেকোনো সময় আপনার অ্যাকাউন্ট মুছে ফেলতে পারেন।",
		[]string{"গোপনীয়তা", "বিজ্ঞপ্তি", "করি", "কৌশল", "বৈধ", "যেকোনো", "ফেলতে", "নীতি"}},
	// Mathematical signs, which policies use for ages and thresholds
	// (Noto Sans Math): before it was embedded they were left out.
	{"en", "Age ≥ 16",
		"If you are ≥ 16 years old (age ≤ 15 needs consent), fees ≠ refunds; for all x ∈ ℝ, x² ≥ 0 and ∑ aᵢ ≤ ∞.",
		"Limits: √2 ≈ 1.414, A ⊂ B ∪ C, p ⇒ q, ⟨a,b⟩ and 𝔽.",
		[]string{"≥", "≤", "≠", "∈", "ℝ", "∑", "∞", "√2", "≈", "⊂", "∪", "⇒", "⟨a,b⟩", "𝔽"}},
}

func sampleDoc(s scriptSample) *tree.Document {
	return &tree.Document{
		Meta: tree.Meta{Title: s.title, Locale: s.locale, Source: tree.Source{Path: s.locale + ".md"},
			Revision: &tree.DateInfo{Time: time.Date(2025, 12, 16, 0, 0, 0, 0, time.UTC)}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, Content: []tree.Inline{txt(s.title)}},
			para(3, txt(s.body)),
			&tree.Heading{Level: 2, Content: []tree.Inline{&tree.Strong{Content: []tree.Inline{txt(s.title)}}}},
			&tree.List{Items: []*tree.ListItem{
				{Blocks: []tree.Block{para(6, txt(s.item))}},
				{Blocks: []tree.Block{para(7, &tree.Strong{Content: []tree.Inline{txt(s.item)}})}},
			}, Tight: true},
		},
	}
}

// TestScripts exports a notice per script (Armenian, Georgian, Ethiopic,
// Devanagari, Bengali, and mathematical signs): no missing glyphs, and pdftotext gives the
// words back as written (pre-base vowel signs are drawn reordered, with the
// logical text in /ActualText).
func TestScripts(t *testing.T) {
	for _, s := range scriptSamples {
		doc := sampleDoc(s)
		data, diags := export(t, doc, exporters.Options{})
		for _, d := range diags {
			t.Errorf("%s: %s", s.locale, d)
		}
		save(t, "script-"+s.locale+".pdf", data)
		CheckPDF(t, s.locale, data, doc)
		if !have("pdftotext") {
			continue
		}
		file := filepath.Join(t.TempDir(), "out.pdf")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", s.locale, err)
		}
		text := strings.Join(strings.Fields(string(out)), " ")
		for _, want := range []string{s.title, s.body, s.item} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: text layer lacks %q:\n%s", s.locale, want, text)
			}
		}
		fields := strings.Fields(text)
		for _, w := range s.words {
			found := false
			for _, f := range fields {
				if strings.Trim(f, "।.,։።") == w {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: word %q not extracted as written", s.locale, w)
			}
		}
	}
}

// TestSplitKeepsClusters: a word cut between characters is never cut before
// a vowel sign or after a virama.
func TestSplitKeepsClusters(t *testing.T) {
	st := tstyle{size: 10}
	l := &layouter{doc: &tree.Document{}, warned: map[string]bool{}}
	units := l.tokenize([]span{{text: strings.Repeat("क्ति", 40), st: st}}, false)
	if len(units) != 1 {
		t.Fatalf("%d units", len(units))
	}
	parts := splitUnit(units[0], 23, 37)
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	for i, p := range parts {
		s := ""
		for _, pc := range p.pieces {
			s += pc.text()
		}
		if !strings.HasPrefix(s, "क्ति") {
			t.Errorf("part %d starts inside a cluster: %q", i, s)
		}
	}
}
