namespace Cowork;

/// <summary>How a model call failed, as far as what to do next is concerned.</summary>
public enum ModelFailureKind
{
    /// <summary>Worth retrying: rate limits, overload (529), server errors, dropped connections.</summary>
    Transient,

    /// <summary>The key is missing, wrong or lacks permission (401/403).</summary>
    Authentication,

    /// <summary>The model does not exist at this provider (404).</summary>
    ModelNotFound,

    /// <summary>The provider refused the request as malformed or too large (400/413/422).</summary>
    BadRequest,

    /// <summary>A streamed reply broke off after part of it had been received.</summary>
    StreamInterrupted,

    /// <summary>The request needs a real model (the offline planner cannot do it).</summary>
    NeedsModel,

    Other,
}
