// The stream the terminal text of a command goes to.
#include "report/output_writer.h"

#include <unistd.h>

#include <cstdlib>

namespace kmh {

TerminalStream terminal_stream(bool stdout_taken)
{
	TerminalStream stream;
	stream.file = stdout_taken ? stderr : stdout;
	stream.context.color = isatty(fileno(stream.file)) && !std::getenv("NO_COLOR");
	return stream;
}

}  // namespace kmh
