package pdf_test

import (
	"bytes"
	"math/rand/v2"
	"os/exec"
	"strings"
	"testing"

	"github.com/galleydoc/galley/exporters"
	"github.com/galleydoc/galley/exporters/pdf"
	"github.com/galleydoc/galley/pipeline/tree"
)

// TestTaggedTextInReadingOrder: what a tagged PDF's structure says each
// heading and paragraph holds (poppler's pdfinfo -struct-text, which reads
// the glyphs of an element's marked content in content order) is the
// source text, word for word and letter for letter, in every script:
// right-to-left text with left-to-right words and numbers in it (glyphs
// drawn in logical order), Indic text whose vowel signs are drawn before
// their consonants (ActualText spans in sequences of their own, the
// glyphs they cover mapped to no text), Thai and Tamil, lam-alef and
// Persian words joined by ZWNJ (the rest of a ligature's letters in blank
// glyphs after it). The limit is in the note on TestHarfBuzzOracle: a
// right-to-left letter with marks (pointed Hebrew, vocalised Arabic) reads
// its marks first, so the texts here have none.
func TestTaggedTextInReadingOrder(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not installed; skipping")
	}
	for _, c := range []struct {
		locale, dir, title, body string
	}{
		{"he", "rtl", "מדיניות הפרטיות", "גרסה 120 של Firefox זמינה. אנו שומרים על המידע שלך (כתובת IP) בכל עת."},
		{"ar", "rtl", "إشعار الخصوصية", "نحن نحترم خصوصيتك. يشرح هذا الإشعار كيف نجمع بياناتك (Firefox 120) ولا نبيعها."},
		{"fa", "rtl", "اطلاعیه حریم خصوصی", "ما به حریم خصوصی شما احترام می‌گذاریم و داده‌های شما را جمع‌آوری می‌کنیم: تاریخ اجرا ۱۵ اوت ۲۰۱۸."},
		{"ur", "rtl", "رازداری کا نوٹس", "ہم آپ کی ذاتی معلومات کی حفاظت کرتے ہیں۔ یہ نوٹس بتاتا ہے کہ ہم کون سی معلومات جمع کرتے ہیں اور کیوں۔"},
		{"hi", "", "गोपनीयता सूचना", "अंतिम अद्यतन: 15 नवम्बर 2025. हम आपकी व्यक्तिगत जानकारी की सुरक्षा करते हैं और किसी को प्राप्त नहीं होती।"},
		{"bn", "", "গোপনীয়তা বিজ্ঞপ্তি", "আমরা কৌশল এবং আপনার ব্যক্তিগত তথ্য সুরক্ষিত রাখি।"},
		{"ta", "", "தனியுரிமை அறிவிப்பு", "கடைசியாகப் புதுப்பிக்கப்பட்டது 2 நவம்பர், 2026. நாங்கள் எந்த தகவலை சேகரிக்கிறோம்?"},
		{"th", "", "ประกาศความเป็นส่วนตัว", "เราปกป้องข้อมูลส่วนบุคคลของคุณ ประกาศนี้อธิบายว่าเราเก็บรวบรวมข้อมูลใดบ้าง"},
		// Two-part and pre-base vowels, medials, stacks, joiners.
		{"ml", "", "സ്വകാര്യതാ നയം", "കൊച്ചിയിൽ നിന്നുള്ള വിവരങ്ങൾ ഞങ്ങൾ സംരക്ഷിക്കുന്നു."},
		{"si", "", "පෞද්ගලිකත්ව ප්‍රතිපත්තිය", "අපි ඔබේ තොරතුරු ආරක්ෂා කරමු. කොළඹ"},
		{"km", "", "គោលការណ៍ឯកជនភាព", "យើងការពារព័ត៌មានរបស់អ្នក។ ស្ត្រី"},
		{"my", "", "ကိုယ်ရေးကိုယ်တာ မူဝါဒ", "ကျွန်ုပ်တို့သည် သင်၏ အချက်အလက်များကို ကာကွယ်ပါသည်။ ကြော်ငြာ"},
		{"kn", "", "ಗೌಪ್ಯತಾ ನೀತಿ", "ನಾವು ನಿಮ್ಮ ಮಾಹಿತಿಯನ್ನು ರಕ್ಷಿಸುತ್ತೇವೆ. ಕೊನೆಯ ನವೀಕರಣ"},
		{"te", "", "గోప్యతా విధానం", "మేము మీ సమాచారాన్ని రక్షిస్తాము. చివరిగా నవీకరించబడింది"},
		{"gu", "", "ગોપનીયતા નીતિ", "અમે તમારી માહિતીનું રક્ષણ કરીએ છીએ. છેલ્લે અપડેટ કર્યું"},
		{"pa", "", "ਪਰਾਈਵੇਸੀ ਨੀਤੀ", "ਅਸੀਂ ਤੁਹਾਡੀ ਜਾਣਕਾਰੀ ਦੀ ਰੱਖਿਆ ਕਰਦੇ ਹਾਂ। ਕਿਰਪਾ"},
		{"or", "", "ଗୋପନୀୟତା ନୀତି", "ଆମେ ଆପଣଙ୍କ ସୂଚନାକୁ ସୁରକ୍ଷିତ ରଖୁ। ଶେଷ ଅଦ୍ୟତନ"},
		{"lo", "", "ນະໂຍບາຍຄວາມເປັນສ່ວນຕົວ", "ພວກເຮົາປົກປ້ອງຂໍ້ມູນຂອງທ່ານ."},
		{"bo", "", "སྒེར་གྱི་གསང་དོན་སྲིད་ཇུས།", "ང་ཚོས་ཁྱེད་ཀྱི་ཆ་འཕྲིན་སྲུང་སྐྱོབ་བྱེད།"},
		{"mr", "", "गोपनीयता सूचना", "आम्ही तुमच्या माहितीचे संरक्षण करतो. र‍हास"},
		{"syr", "rtl", "ܣܘܪܝܝܐ", "ܐܢܚܢܢ ܢܛܪܝܢ ܠܝܕܥܬܟ."},
		{"am", "", "የግላዊነት መመሪያ", "የእርስዎን መረጃ እንጠብቃለን።"},
		{"vi", "", "Chính sách quyền riêng tư", "Chúng tôi bảo vệ thông tin của bạn. Cập nhật lần cuối"},
		{"yo", "", "Ìlànà Ìpamọ́", "A ń dáàbò bo ìwífún rẹ̀."},
	} {
		t.Run(c.locale, func(t *testing.T) {
			_, got := taggedHeadingAndParagraph(t, c.locale, c.dir, c.title, c.body)
			want := []string{c.title, c.body}
			if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
				t.Errorf("tagged text\n got %q\nwant %q", got, want)
			}
		})
	}
}

// TestMarkedLettersReadBothWays: in vocalised Arabic (harakat, shadda
// with a haraka, superscript alef), in Thaana, where every letter carries
// a vowel sign or sukun, and in N'Ko, with its tone marks, the structure
// reads each letter before its marks (the marks' text in blank glyphs
// after it), and pdftotext, reading by position, still reads every Arabic
// and Thaana word as written. The words are made up, a seeded draw of
// letters and marks, so that every pair occurs. (poppler 22.12 reads N'Ko
// lines left to right, marks or not; only its structure is checked.)
func TestMarkedLettersReadBothWays(t *testing.T) {
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip(tool + " (poppler-utils) not installed; skipping")
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	span := func(from, to rune) []string {
		var s []string
		for r := from; r <= to; r++ {
			s = append(s, string(r))
		}
		return s
	}
	words := func(letters, marks []string, markEvery int) string {
		var ws []string
		for w := 0; w < 120; w++ {
			var b strings.Builder
			for n := 1 + rng.IntN(6); n > 0; n-- {
				b.WriteString(letters[rng.IntN(len(letters))])
				if rng.IntN(markEvery) == 0 {
					b.WriteString(marks[rng.IntN(len(marks))])
				}
			}
			ws = append(ws, b.String())
		}
		return strings.Join(ws, " ")
	}
	// Arabic letters (Persian and Urdu ones among them), and a haraka,
	// shadda with a haraka, sukun or superscript alef.
	arabic := append(span(0x0628, 0x063A), span(0x0641, 0x064A)...)
	arabic = append(arabic, "ا", "ة", "پ", "چ", "ژ", "گ", "ک", "ی", "ے", "ٹ")
	harakat := append(span(0x064B, 0x0650), "\u0652", "\u0670")
	for _, h := range span(0x064B, 0x0650) {
		harakat = append(harakat, "\u0651"+h)
	}
	for _, c := range []struct {
		locale, body string
		byPosition   bool
	}{
		{"ar", words(arabic, harakat, 1), true},
		{"fa", words(arabic, harakat, 3), true},
		{"dv", words(span(0x0780, 0x07A5), span(0x07A6, 0x07B0), 1), true},
		{"nqo", words(span(0x07CA, 0x07EA), span(0x07EB, 0x07F3), 2), false},
	} {
		t.Run(c.locale, func(t *testing.T) {
			title := strings.Fields(c.body)[0]
			data, got := taggedHeadingAndParagraph(t, c.locale, "rtl", title, c.body)
			if len(got) != 2 || got[0] != title || got[1] != c.body {
				t.Errorf("tagged text\n got %q\nwant %q", got, []string{title, c.body})
			}
			if !c.byPosition {
				return
			}
			cmd := exec.Command("pdftotext", "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			read := map[string]bool{}
			for _, w := range strings.Fields(strings.Map(func(r rune) rune {
				if r >= 0x202A && r <= 0x202E || r == 0x200E || r == 0x200F {
					return -1 // the embedding marks pdftotext writes
				}
				return r
			}, string(out))) {
				read[w] = true
			}
			for _, w := range strings.Fields(c.body) {
				if !read[w] {
					t.Errorf("pdftotext does not read %q (%+q)", w, w)
				}
			}
		})
	}
}

// taggedHeadingAndParagraph exports a document of a heading and a
// paragraph in locale and direction dir and returns the PDF and the text
// poppler's structure gives its H1 and P elements, spaces collapsed.
func taggedHeadingAndParagraph(t *testing.T, locale, dir, title, body string) ([]byte, []string) {
	t.Helper()
	doc := &tree.Document{
		Meta: tree.Meta{Title: title, Locale: locale, Direction: dir, Source: tree.Source{Path: locale + ".md"}},
		Blocks: []tree.Block{
			&tree.Heading{Level: 1, Content: []tree.Inline{&tree.Text{Text: title}}},
			&tree.Paragraph{Pos: tree.Pos{Line: 3}, Content: []tree.Inline{&tree.Text{Text: body}}},
		},
	}
	var buf bytes.Buffer
	if err := pdf.New().Export(&buf, doc, exporters.Options{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range popplerStruct(t, buf.Bytes()) {
		if n.typ == "H1" || n.typ == "P" {
			got = append(got, strings.Join(strings.Fields(n.text.String()), " "))
		}
	}
	return buf.Bytes(), got
}
