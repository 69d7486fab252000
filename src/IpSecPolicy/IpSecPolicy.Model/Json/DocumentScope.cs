using IpSecPolicy.Model.Errors;

namespace IpSecPolicy.Model.Json;

/// <summary>The source name and line index of one policy document: makes its errors.</summary>
internal sealed class DocumentScope
{
    private readonly JsonLineIndex lines;

    public DocumentScope(string source, JsonLineIndex lines)
    {
        Source = source;
        this.lines = lines;
    }

    public string Source { get; }

    public int LineOf(string path) => lines.LineOf(path);

    /// <summary>A refusal of the document (ImportInvalid unless said otherwise) at <paramref name="path"/>.</summary>
    public PolicyException Fail(string path, string reason, string errorId = ErrorIds.ImportInvalid) =>
        Problem(new ImportProblem(Source, path, lines.LineOf(path), reason), errorId);

    public static PolicyException Problem(ImportProblem problem, string errorId = ErrorIds.ImportInvalid) =>
        new(errorId, errorId == ErrorIds.ImportInvalid ? PolicyErrorCategory.InvalidData : PolicyErrorCategory.InvalidArgument,
            problem.ToString(), problem);
}
