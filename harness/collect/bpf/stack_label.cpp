// Turning symbolized frames into the `stack` label.
#include "collect/bpf/stack_label.h"

#include <cctype>
#include <cstring>

namespace kmh {

namespace {

const std::string anonymous_namespace = "(anonymous namespace)";
const std::string operator_word = "operator";

bool is_identifier_char(char c)
{
	return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool ends_with_operator(const std::string &text)
{
	return text.size() >= operator_word.size() &&
	       text.compare(text.size() - operator_word.size(), operator_word.size(), operator_word) == 0;
}

// Copies the operator's symbol after "operator" ("<<", "()", "[]", "->"), from `at`; returns the new position.
std::size_t copy_operator_symbol(const std::string &name, std::size_t at, std::string &out)
{
	if (name.compare(at, 2, "()") == 0 || name.compare(at, 2, "[]") == 0) {
		out += name.substr(at, 2);
		return at + 2;
	}
	while (at < name.size() && std::strchr("<>=!+-*/%^&|~,", name[at]))
		out += name[at++];
	return at;
}

bool starts_operator(const std::string &name, std::size_t at)
{
	return name.compare(at, operator_word.size(), operator_word) == 0 && (at == 0 || !is_identifier_char(name[at - 1]));
}

}  // namespace

std::string short_function_name(const std::string &name)
{
	std::string out;
	int template_depth = 0;
	std::size_t at = 0;
	while (at < name.size()) {
		char c = name[at];
		if (template_depth == 0 && starts_operator(name, at)) {
			out += operator_word;
			at = copy_operator_symbol(name, at + operator_word.size(), out);
			if (at < name.size() && name[at] == ' ') {
				out += ends_with_operator(out) ? " " : "";  // "operator new", but "operator<< <T>"
				at++;
			}
		} else if (c == '<' || (c == '>' && template_depth > 0)) {
			template_depth += c == '<' ? 1 : -1;
			at++;
		} else if (template_depth > 0) {
			at++;
		} else if (name.compare(at, anonymous_namespace.size(), anonymous_namespace) == 0) {
			out += anonymous_namespace;
			at += anonymous_namespace.size();
		} else if (c == '(') {
			break;  // the parameter list; after it only qualifiers and clone suffixes
		} else if (c == ' ') {
			out.clear();  // what came before was the return type
			at++;
		} else {
			out += c;
			at++;
		}
	}
	return out.empty() ? name : out;
}

std::string stack_label(const std::vector<StackFrame> &frames, std::size_t max_frames)
{
	std::size_t first = !frames.empty() && !frames.front().symbol.empty() && frames.front().offset == 0 ? 1 : 0;
	std::string label;
	for (std::size_t i = first; i < frames.size() && i < first + max_frames; i++) {
		const StackFrame &frame = frames[i];
		if (frame.module.empty()) {
			if (label.empty())
				label = "[unknown]";
			break;
		}
		std::string name = frame.symbol.empty() ? "[" + frame.module.substr(frame.module.rfind('/') + 1) + "]"
							 : short_function_name(frame.symbol);
		label += (label.empty() ? "" : " <- ") + name;
	}
	return label.empty() ? no_stack_label : label;
}

}  // namespace kmh
