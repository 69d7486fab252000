// ImplicitUsings is off solution-wide (the module targets netstandard2.0); the engine's code
// uses these three namespaces in nearly every file.
global using System;
global using System.Collections.Generic;
global using System.Linq;
